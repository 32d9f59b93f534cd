/** One problem in a file: row (the header is row 1), column heading, the value when not personal, the rule and why. */
export interface RowProblem {
  row: number;
  column: string;
  value?: string;
  rule: string;
  message: string;
}
