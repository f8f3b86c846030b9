/**
 * Domain errors carry a stable code, a kind (mapped to HTTP in one place, the server's error
 * handler), and the message in English (CLI, logs) and Chinese (the web app).
 */
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'locked' | 'too-many';

export interface ErrorDetail {
  field?: string;
  message: string;
  messageZh?: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly messageZh: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export function invalid(code: string, message: string, messageZh: string, field?: string): DomainError {
  return new DomainError('invalid', code, message, messageZh, field ? [{ field, message, messageZh }] : []);
}

export function notFound(entity: string, entityZh: string): DomainError {
  // Out-of-scope records are reported exactly like missing ones, so ids cannot be probed.
  return new DomainError('not-found', 'NOT_FOUND', `${entity} not found`, `${entityZh}不存在或无权访问`);
}

export function forbidden(message: string, messageZh: string): DomainError {
  return new DomainError('forbidden', 'FORBIDDEN', message, messageZh);
}

export function conflict(code: string, message: string, messageZh: string): DomainError {
  return new DomainError('conflict', code, message, messageZh);
}
