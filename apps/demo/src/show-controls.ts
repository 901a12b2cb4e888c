// C0 and C1 control characters and DEL (escape sequences, carriage returns, line breaks),
// and the Unicode marks that break lines or reorder text: in a file name or a server's
// reason, any of them could move the cursor or fake a line of output.
const CONTROLS = /[\p{Cc}\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const SHORT: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `text` with each control character written out as JSON writes it, such as \n or \u001b. */
export function showControls(text: string): string {
  return text.replace(
    CONTROLS,
    (char) => SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
