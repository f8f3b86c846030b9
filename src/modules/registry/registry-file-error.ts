/** A registry file's own problem, told to the user: English for the CLI and logs, Chinese for the web app. */
export type RegistryFileErrorCode =
  | 'EMPTY_FILE'
  | 'NOT_A_TABLE'
  | 'MISSING_COLUMNS'
  | 'TOO_MANY_COLUMNS'
  | 'UNREADABLE'
  | 'TRUNCATED'
  | 'XLSX_TOO_LARGE_UNPACKED';

export class RegistryFileError extends Error {
  constructor(
    readonly code: RegistryFileErrorCode,
    message: string,
    readonly messageZh: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RegistryFileError';
  }
}
