/** Accent colour of a project, independent of the page. */

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

export function isHexColor(value: unknown): value is string {
  return typeof value === 'string' && HEX_COLOR.test(value);
}

/** FNV-1a: a stable, well-spread hash, so a project keeps its colour on every machine. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const s = saturation / 100;
  const l = lightness / 100;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** A saturated mid-tone hue, readable as a bar on both the light and the dark theme. */
export function defaultAccent(key: string): string {
  return hslToHex(hash(key) % 360, 70, 48);
}

export function resolveAccent(key: string, overrides: Readonly<Record<string, string>>): string {
  const chosen = overrides[key];
  return isHexColor(chosen) ? chosen.toLowerCase() : defaultAccent(key);
}
