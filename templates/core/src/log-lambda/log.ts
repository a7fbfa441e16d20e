import type { DecodedLogs } from './decode.js';

/**
 * The echo's log records (src/process.ts), readable in CloudWatch Logs Insights: one line per
 * received log event (`kind: "log event"`, with its log group, stream, filter, id, timestamp and
 * message), written here, beside the echo's summary per batch (`kind: "batch"`, console.info).
 *
 * Under LoggingFormat.JSON, Lambda's runtime writes `console.info(record)` as one JSON line
 * `{ timestamp, level, requestId, message: record }` and drops what is below the function's
 * application log level. A batch holds up to 10,000 events, and a console call each costs about
 * three times as much as decoding the batch (pnpm bench in log-lambda), so the event lines are
 * written in exactly that shape, straight to standard output: Lambda makes each line of it a log
 * event and filters it by its "level" as it does console output, and so does `writeEventLines`
 * here, before building them.
 */

/** CloudWatch Logs' limit on one log event, 256 KB, less the 26 bytes it counts for each. */
export const MAX_LINE_BYTES = 256 * 1024 - 26;

/** Lambda's application log levels, most verbose first. */
const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

/** Whether the application log level (AWS_LAMBDA_LOG_LEVEL, set from applicationLogLevelV2) lets INFO through. */
export function infoEnabled(): boolean {
  const level = LEVELS.indexOf(process.env['AWS_LAMBDA_LOG_LEVEL']?.toUpperCase() ?? '');
  return level <= LEVELS.indexOf('INFO'); // unset or unknown: everything, as the runtime does
}

/** The filters that sent the batch, as one field. */
export function filterField(logs: DecodedLogs): string {
  return logs.subscriptionFilters.join(', ');
}

/**
 * Writes one JSON line per log event, none longer than MAX_LINE_BYTES, in chunks of about 64 KB
 * (so a batch's 3 MB of lines are never all in memory at once). A longer message is split into
 * records with `part` and `parts`, in order, so that Logs Insights can put it back together.
 * Nothing is written when the application log level is above INFO. Returns how many lines.
 */
export function writeEventLines(logs: DecodedLogs, requestId: string, write = (chunk: string) => void process.stdout.write(chunk), now = new Date()): number {
  if (!infoEnabled()) return 0;
  const head =
    `{"timestamp":${JSON.stringify(now.toISOString())},"level":"INFO","requestId":${JSON.stringify(requestId)},` +
    `"message":{"kind":"log event","logGroup":${JSON.stringify(logs.logGroup)},"logStream":${JSON.stringify(logs.logStream)},` +
    `"filter":${JSON.stringify(filterField(logs))},"id":`;
  // decode.ts bounds the other fields, so only a message this long can bring a line near the limit
  // (6 bytes is the most a character takes in JSON).
  const safeMessageLength = Math.floor((MAX_LINE_BYTES - Buffer.byteLength(head) - 512) / 6);
  let chunk = '';
  let lines = 0;
  const emit = (line: string) => {
    chunk += `${line}\n`;
    lines++;
    if (chunk.length >= 64 * 1024) {
      write(chunk);
      chunk = '';
    }
  };
  for (const { id, timestamp, message } of logs.logEvents) {
    const start = `${head}${JSON.stringify(id)},"timestamp":${JSON.stringify(timestamp)},`;
    const line = `${start}"message":${JSON.stringify(message)}}}`;
    if (message.length <= safeMessageLength || Buffer.byteLength(line) <= MAX_LINE_BYTES) {
      emit(line);
      continue;
    }
    // Room for the message once `"part":N,"parts":N,` (at most 40 bytes) is in.
    const parts = splitJsonString(message, MAX_LINE_BYTES - Buffer.byteLength(start) - 40 - '"message":}}'.length);
    parts.forEach((part, i) => emit(`${start}"part":${i + 1},"parts":${parts.length},"message":${JSON.stringify(part)}}}`));
  }
  if (chunk !== '') write(chunk);
  return lines;
}

/**
 * `text` cut into pieces whose JSON string literal (quotes included) takes at most `maxBytes`
 * bytes of UTF-8, never inside a surrogate pair.
 */
export function splitJsonString(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  let bytes = 2; // the quotes
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const width = pair ? 2 : 1;
    const size = pair ? 4 : jsonBytes(code);
    if (bytes + size > maxBytes && i > start) {
      pieces.push(text.slice(start, i));
      start = i;
      bytes = 2;
    }
    bytes += size;
    i += width;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** The UTF-8 bytes one UTF-16 code unit (not in a pair) takes inside a JSON string. */
function jsonBytes(code: number): number {
  if (code === 0x22 || code === 0x5c) return 2; // \" \\
  if (code < 0x20) return code === 8 || code === 9 || code === 10 || code === 12 || code === 13 ? 2 : 6; // \n, or \u0001
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdfff) return 6; // a lone surrogate: \udxxx
  return 3;
}
