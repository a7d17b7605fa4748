// Money is shown from central's integer pico-USD (1 USD = 10^12 pico-USD) with BigInt, or from
// its exact decimal USD text: never through a float. Values arrive as strings (json.ts) or, when
// small, as numbers that are exact integers.

export type Exact = string | number;

const PICO_PER_USD = 1_000_000_000_000n;

export function toBigInt(value: Exact | bigint | null | undefined): bigint {
  if (value === null || value === undefined || value === "") return 0n;
  if (typeof value === "bigint") return value;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`not an exact integer: ${value}`);
    return BigInt(value);
  }
  return BigInt(value);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

// The exact decimal USD text of a pico-USD amount: "0.0007461", "10", "-2.5".
export function picoToDecimal(pico: bigint): string {
  const negative = pico < 0n;
  const abs = negative ? -pico : pico;
  const whole = (abs / PICO_PER_USD).toString();
  const fraction = (abs % PICO_PER_USD).toString().padStart(12, "0").replace(/0+$/, "");
  return (negative ? "-" : "") + whole + (fraction ? "." + fraction : "");
}

// "$1,234.50", "$0.0007461": every digit central stored, at least cents.
export function formatDecimalUsd(decimal: string): string {
  const negative = decimal.startsWith("-");
  const [whole, fraction = ""] = (negative ? decimal.slice(1) : decimal).split(".");
  const cents = fraction.padEnd(2, "0");
  return (negative ? "-" : "") + "$" + groupThousands(whole) + "." + cents;
}

export function formatPico(value: Exact | bigint | null | undefined): string {
  return formatDecimalUsd(picoToDecimal(toBigInt(value)));
}

// A `<name>_usd` member as central wrote it (exact decimal text); "—" for null.
export function formatUsd(value: Exact | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const text = typeof value === "number" ? String(value) : value;
  if (/e/i.test(text)) return formatPico(usdToPico(text) ?? 0n);
  return formatDecimalUsd(text);
}

// Decimal USD text ("12.5", "1e-3") to pico-USD, exactly; null when it is not a number.
export function usdToPico(text: string): bigint | null {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!match || (match[2] === "" && !match[3])) return null;
  const [, sign, whole, fraction = "", exponent = "0"] = match;
  let digits = (whole || "0") + fraction;
  let scale = 12 - fraction.length + Number(exponent);
  if (scale >= 0) digits += "0".repeat(scale);
  else {
    const cut = digits.length + scale;
    if (/[1-9]/.test(digits.slice(Math.max(cut, 0)))) return null; // finer than a pico-dollar
    digits = cut > 0 ? digits.slice(0, cut) : "0";
    scale = 0;
  }
  const pico = BigInt(digits);
  return sign ? -pico : pico;
}

// Share of `part` in `whole` as a percentage number for bar widths (geometry only).
export function shareOf(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  return Number((part * 10000n) / whole) / 100;
}

// For cards and bars, where a long tail of digits hides the number: from $1 up, rounded half up
// to the cent (in BigInt); below $1 every digit, so a small spend never reads as $0.00. Tables,
// tooltips and the CSV keep every digit (formatPico).
export function formatPicoCompact(value: Exact | bigint | null | undefined): string {
  const pico = toBigInt(value);
  const abs = pico < 0n ? -pico : pico;
  if (abs < PICO_PER_USD) return formatPico(pico);
  const cent = PICO_PER_USD / 100n;
  const cents = (abs + cent / 2n) / cent;
  return formatPico((pico < 0n ? -cents : cents) * cent);
}
