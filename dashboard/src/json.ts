// JSON.parse that never rounds money. Central writes money as exact decimal numbers
// (`cost_usd`) and integer pico-USD (`cost_pico_usd`); a double holds neither exactly past
// 2^53 pico-USD (about $9,007) or 15 significant digits. Before parsing, this quotes the
// number literals that must stay exact, so they arrive as strings for money.ts:
// - the value of every member whose name ends in "_usd" (both money spellings), and
// - every integer literal of 16 digits or more (pivot cells in pico-USD are bare arrays).
// Every other number parses as usual.

function isNumberStart(c: string): boolean {
  return c === "-" || (c >= "0" && c <= "9");
}

function isNumberChar(c: string): boolean {
  return (c >= "0" && c <= "9") || c === "." || c === "e" || c === "E" || c === "+" || c === "-";
}

export function quoteExactNumbers(text: string): string {
  let out = "";
  let i = 0;
  let lastKey = ""; // the string just read, when it turns out to be a member name
  let expectValueOf = ""; // the member whose value comes next ("" inside arrays)
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      lastKey = text.slice(i + 1, j);
      out += text.slice(i, j + 1);
      i = j + 1;
      expectValueOf = "";
      continue;
    }
    if (c === ":") {
      expectValueOf = lastKey;
    } else if (c === "," || c === "[" || c === "{") {
      expectValueOf = "";
    }
    if (isNumberStart(c)) {
      let j = i + 1;
      while (j < text.length && isNumberChar(text[j])) j++;
      const literal = text.slice(i, j);
      const longInteger = /^-?\d{16,}$/.test(literal);
      out += expectValueOf.endsWith("_usd") || longInteger ? `"${literal}"` : literal;
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

export function parseExactJson(text: string): unknown {
  return JSON.parse(quoteExactNumbers(text));
}
