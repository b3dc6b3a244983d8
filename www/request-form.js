// Reads the request form into the payload request the SDK takes. Only the amount is checked
// here (XRP text → drops); everything else, including the destination address, is left to
// the SDK so the page shows the SDK's own validation errors.

/** Drops in one XRP. */
const DROPS_PER_XRP = 1_000_000n;

/**
 * Converts an amount in XRP typed by a person ("1", "0.25", "1,5") into a string of drops.
 * Returns null when the text is not a positive amount with at most 6 decimals.
 */
export function xrpToDrops(text) {
  const match = /^(\d*)(?:[.,](\d{0,6}))?$/.exec(text.trim());
  if (!match || (match[1] === "" && !match[2])) return null;
  const whole = BigInt(match[1] || "0");
  const fraction = BigInt((match[2] || "").padEnd(6, "0"));
  const drops = whole * DROPS_PER_XRP + fraction;
  return drops > 0n ? drops.toString() : null;
}

/**
 * The payload request for the form's current values, or `{ problem }` with a message for the
 * person when the amount cannot be read.
 */
export function readRequest(form) {
  const data = new FormData(form);
  const type = data.get("type");
  const instruction = String(data.get("instruction") || "").trim();
  const request = { txjson: { TransactionType: type } };
  if (type === "Payment") {
    const drops = xrpToDrops(String(data.get("amount") || ""));
    if (drops === null) return { problem: "Enter the amount in XRP, for example 1.5 (at most 6 decimals)." };
    request.txjson.Destination = String(data.get("destination") || "").trim();
    request.txjson.Amount = drops;
  }
  if (instruction) request.custom_meta = { instruction };
  return { request };
}
