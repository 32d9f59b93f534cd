/** html-escaper ships no types: the one function the site uses. */
declare module 'html-escaper' {
  /** `&`, `<`, `>`, `'` and `"` as character references, as Astro escapes text. */
  export function escape(text: string): string;
}
