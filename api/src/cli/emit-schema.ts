import 'reflect-metadata';
import fs from 'node:fs';
import { printPublicSchema, SCHEMA_FILE } from '../schema';

/** `npm run schema`: writes schema.graphql from the code. */
printPublicSchema()
  .then((sdl) => {
    fs.writeFileSync(SCHEMA_FILE, sdl);
    console.log(`wrote ${SCHEMA_FILE} (${sdl.length} characters)`);
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
