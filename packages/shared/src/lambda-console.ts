/**
 * Lambda's Node.js runtime under `LoggingFormat.JSON`, for running a handler outside Lambda: the
 * runtime replaces the console methods so that each call writes one JSON object
 * `{ timestamp, level, requestId, message }`, and the methods below the application log level
 * (`AWS_LAMBDA_LOG_LEVEL`, set from `applicationLogLevelV2`) do nothing. Shipped into generated
 * projects (local/), where `npm run invoke` shows what the function would log; `pnpm bench`
 * measures the handler with it.
 */
import { format } from 'node:util';

export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The application log level as the runtime reads it: unset or unknown lets everything through. */
export function applicationLogLevel(value: string | undefined): LogLevel {
  const upper = value?.toUpperCase();
  return LOG_LEVELS.find((level) => level === upper) ?? 'TRACE';
}

/** One console call as the runtime writes it: the message as JSON when it is the only argument, else formatted text. */
export function formatJsonLine(timestamp: string, requestId: string, level: LogLevel, message: unknown, ...params: unknown[]): string {
  const line: Record<string, unknown> = { timestamp, level, requestId };
  if (params.length === 0) {
    line['message'] = message;
    try {
      return JSON.stringify(line, errorReplacer);
    } catch {
      line['message'] = format(message); // a cycle or a BigInt
      return JSON.stringify(line);
    }
  }
  line['message'] = format(message, ...params);
  const error = params.find((param) => param instanceof Error);
  if (error) Object.assign(line, errorFields(error));
  return JSON.stringify(line);
}

function errorFields(error: Error): Record<string, unknown> {
  return {
    errorType: error.constructor?.name ?? 'UnknownError',
    errorMessage: error.message,
    stackTrace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { ...errorFields(value), ...value } : value;
}

export interface LambdaConsoleOptions {
  /** The request id of the invocation in progress. */
  requestId: () => string;
  /** Where lines go (default: standard output). */
  write?: (line: string) => void;
  /** Default: AWS_LAMBDA_LOG_LEVEL, as the runtime reads it. */
  level?: LogLevel;
}

const METHODS = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', log: 'INFO', warn: 'WARN', error: 'ERROR' } as const;

/** Patches the console as the runtime does; the function returned puts the original methods back. */
export function useLambdaConsole({ requestId, write = (line) => process.stdout.write(line), level }: LambdaConsoleOptions): () => void {
  const minimum = LOG_LEVELS.indexOf(level ?? applicationLogLevel(process.env['AWS_LAMBDA_LOG_LEVEL']));
  const original = { ...console };
  for (const [method, methodLevel] of Object.entries(METHODS) as Array<[keyof typeof METHODS, LogLevel]>) {
    console[method] =
      LOG_LEVELS.indexOf(methodLevel) < minimum
        ? () => undefined
        : (message?: unknown, ...params: unknown[]) => write(`${formatJsonLine(new Date().toISOString(), requestId(), methodLevel, message, ...params)}\n`);
  }
  return () => Object.assign(console, original);
}
