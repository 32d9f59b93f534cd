import { describe, expect, it } from 'vitest';
import {
  COSIGNATURE_V1,
  NoteError,
  checkpointText,
  cosign,
  cosignatureTime,
  generateSigner,
  openNote,
  parseCheckpoint,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  signerKey,
  verifierKey,
} from './signed-note';

// The example key and note of Go's golang.org/x/mod/sumdb/note documentation: Ed25519 is
// deterministic, so the same key must give the same signature byte for byte.
const GO_SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

describe('signed notes', () => {
  it("signs and reads notes exactly as Go's note package does", () => {
    const signer = parseSignerKey(GO_SIGNER);
    expect(verifierKey(signer)).toBe(GO_VERIFIER);
    expect(signerKey(signer)).toBe(GO_SIGNER);
    expect(signNote(GO_TEXT, signer)).toBe(GO_NOTE);
    expect(openNote(GO_NOTE, parseVerifierKey(GO_VERIFIER))).toBe(GO_TEXT);
  });

  it('refuses a changed text, another key and a key whose ID does not match', () => {
    const verifier = parseVerifierKey(GO_VERIFIER);
    expect(() => openNote(GO_NOTE.replace('cryptography', 'cryptograph'), verifier)).toThrow(/does not verify/);
    const other = generateSigner('PeterNeumann');
    expect(() => openNote(signNote(GO_TEXT, other), verifier)).toThrow(/not signed by/);
    expect(() => parseVerifierKey(GO_VERIFIER.replace('c74f20a3', 'c74f20a4'))).toThrow(NoteError);
    expect(() => parseNote('no signatures\n')).toThrow(NoteError);
  });

  it('writes and reads checkpoints, refusing malformed ones', () => {
    const root = Buffer.alloc(32, 7);
    const text = checkpointText({ origin: 'catalogue.example/log', size: 42, root });
    expect(text).toBe(`catalogue.example/log\n42\n${root.toString('base64')}\n`);
    expect(parseCheckpoint(text)).toEqual({ origin: 'catalogue.example/log', size: 42, root, extensions: [] });
    expect(() => parseCheckpoint('catalogue.example/log\n042\nAAAA\n')).toThrow(/tree size/);
    expect(() => parseCheckpoint(`catalogue.example/log\n1\n${Buffer.alloc(31).toString('base64')}\n`)).toThrow(
      /root hash/,
    );
  });

  it('cosigns a checkpoint (cosignature/v1) and verifies the cosignature with its time', () => {
    const log = generateSigner('catalogue.example/log');
    const witness = generateSigner('witness.example/w1', COSIGNATURE_V1);
    const text = checkpointText({ origin: 'catalogue.example/log', size: 3, root: Buffer.alloc(32, 1) });
    const line = cosign(text, witness, 1_764_700_000);
    const note = signNote(text, log) + line;
    const { signatures } = parseNote(note);
    const witnessKey = parseVerifierKey(verifierKey(witness));
    expect(cosignatureTime(text, signatures[1], witnessKey)).toBe(1_764_700_000);
    expect(openNote(note, parseVerifierKey(verifierKey(log)))).toBe(text);
    const other = checkpointText({ origin: 'catalogue.example/log', size: 3, root: Buffer.alloc(32, 2) });
    expect(cosignatureTime(other, signatures[1], witnessKey)).toBeNull();
  });
});
