/**
 * SQLite with a second connection that only reads. Kysely's own SQLite driver puts its one
 * connection behind a lock: while a transaction is open (a first load of a million people holds one
 * for most of a minute) every other query of the process waits, and every clerk's page with it. In
 * WAL mode a reader never waits for the writer, so a statement that only reads and is not part of a
 * transaction runs on the reader and sees the last committed state. Everything else, writes and
 * transactions, takes the writer connection in turn, as before: a write outside a transaction still
 * waits for an open one to end (it would otherwise land inside it).
 */
import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';

export class SqliteReadWriteDriver implements Driver {
  private readonly writerLock = new Lock();

  constructor(
    private readonly writer: SqliteDatabase.Database,
    /** null for an in-memory database, which a second connection cannot see */
    private readonly reader: SqliteDatabase.Database | null,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this.writer, this.reader, this.writerLock);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).end('commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).end('rollback');
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as RoutedConnection).release();
  }

  async destroy(): Promise<void> {
    this.reader?.close();
    this.writer.close();
  }
}

class RoutedConnection implements DatabaseConnection {
  private holdsWriter = false;

  constructor(
    private readonly writer: SqliteDatabase.Database,
    private readonly reader: SqliteDatabase.Database | null,
    private readonly writerLock: Lock,
  ) {}

  async begin(): Promise<void> {
    await this.writerLock.acquire();
    this.holdsWriter = true;
    try {
      // IMMEDIATE: the transaction holds the file's write lock from its first statement, so what it
      // reads stays true until it commits (limit-guard.ts), even against another process's writer
      this.writer.exec('begin immediate');
    } catch (error) {
      this.release();
      throw error;
    }
  }

  async end(command: 'commit' | 'rollback'): Promise<void> {
    try {
      this.writer.exec(command);
    } finally {
      this.release();
    }
  }

  release(): void {
    if (!this.holdsWriter) return;
    this.holdsWriter = false;
    this.writerLock.release();
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (this.holdsWriter) return run<R>(this.writer, compiledQuery);
    const onReader = this.readOnlyStatement(compiledQuery.sql);
    if (onReader) return { rows: onReader.all(compiledQuery.parameters) as R[] };
    await this.writerLock.acquire();
    try {
      return run<R>(this.writer, compiledQuery);
    } finally {
      this.writerLock.release();
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not used here');
  }

  private readOnlyStatement(sqlText: string): SqliteDatabase.Statement | null {
    if (!this.reader) return null;
    try {
      const statement = this.reader.prepare(sqlText);
      return statement.readonly && statement.reader ? statement : null;
    } catch {
      return null; // e.g. a statement the reader cannot prepare: the writer will say what is wrong
    }
  }
}

function run<R>(database: SqliteDatabase.Database, { sql, parameters }: CompiledQuery): QueryResult<R> {
  const statement = database.prepare(sql);
  if (statement.reader) return { rows: statement.all(parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** Hands the writer connection to one holder at a time, in the order they asked. */
class Lock {
  private tail: Promise<void> = Promise.resolve();
  private releaseHolder: (() => void) | null = null;

  async acquire(): Promise<void> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.releaseHolder = release;
  }

  release(): void {
    const release = this.releaseHolder;
    this.releaseHolder = null;
    release?.();
  }
}
