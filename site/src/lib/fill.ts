/**
 * Fills `{name}` placeholders of a UI string the build rendered with placeholders left in (the
 * browser scripts get their sentences that way instead of shipping the translation files).
 * @example fill('找到 {n} 个班', { n: 31 }) // '找到 31 个班'
 */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
