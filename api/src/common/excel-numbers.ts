/**
 * ID numbers that went through Excel as numbers. Excel keeps 15 significant digits of a number
 * (Microsoft, "Excel specifications and limits": number precision 15 digits), so an 18-digit
 * resident ID number typed into a cell formatted "General" becomes 5.30102E+17 on screen and in
 * a CSV saved from it, or 530102199001011000 — its last digits replaced by zeros. The digits are
 * gone from the file: the only fix is to format the column as text and type the numbers again.
 */

/** A cell as Excel writes a number in scientific notation, e.g. 5.30102E+17 or 5.30102199001011E+17. */
const SCIENTIFIC = /^\d(\.\d+)?E\+?\d+$/i;

/**
 * True when `cell` is the trace of a long number Excel stored as a number: scientific notation,
 * or 16 digits or more whose digits after the 15th are all zeros (a decimal point and zeros
 * after it allowed, as some exports write). Meant for a cell that already failed its own check,
 * to say what happened instead of "wrong check character".
 * @example looksLikeExcelNumber('5.30102199001011E+17') // true
 * @example looksLikeExcelNumber('530102199001011000') // true
 * @example looksLikeExcelNumber('530102199001011234') // false
 */
export function looksLikeExcelNumber(cell: string): boolean {
  const s = cell.trim();
  if (SCIENTIFIC.test(s)) return true;
  const digits = s.replace(/\.0*$/, '');
  return /^\d{16,}$/.test(digits) && /^0+$/.test(digits.slice(15));
}

/** What to tell a clerk about such a cell: what happened and how to fix it, without the value. */
export const EXCEL_NUMBER_ADVICE =
  'Excel stored this ID number as a number, which keeps only 15 digits (it shows as 5.30102E+17 or ends in zeros): the last digits are lost from the file. ' +
  'Format the column as text (设置单元格格式 → 文本), type the numbers again, and save the file again';
