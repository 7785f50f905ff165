/**
 * Identifiers of the service's rules, as numbered in the project's SPEC (R1..R25).
 * `HEADERS` is the spec's table of message headers, `SIZES` its table of sizes and
 * `RFC5322` a rule of the mail format itself that the service relies on.
 */
export type RuleId =
  | 'R1'
  | 'R2'
  | 'R3'
  | 'R4'
  | 'R5'
  | 'R6'
  | 'R7'
  | 'R8'
  | 'R9'
  | 'R10'
  | 'R11'
  | 'R12'
  | 'R13'
  | 'R14'
  | 'R15'
  | 'R16'
  | 'R17'
  | 'R18'
  | 'R19'
  | 'R20'
  | 'R21'
  | 'R22'
  | 'R23'
  | 'R24'
  | 'R25'
  | 'HEADERS'
  | 'SIZES'
  | 'RFC5322';
