// Thumbnails for the mock host: what `convertFileSrc(…, 'folio-thumb')` resolves to in a plain
// browser. A small flat SVG as a data: URL (allowed by the app's `img-src 'self' data:`), in the
// item's proportions: a simple drawing of the kind of scene a press photo shows (a conference
// hall, a street, a temple fair…), varied by the item's SHA-256 so no two look quite alike.

/** What a mock photo shows; items without one get a scene chosen by their SHA-256. */
export type Scene = 'hall' | 'signing' | 'speaker' | 'group' | 'street' | 'street-evening' | 'square-evening' | 'snow' | 'fair' | 'lab';

const SCENES: readonly Scene[] = ['hall', 'signing', 'speaker', 'group', 'street', 'street-evening', 'square-evening', 'snow', 'fair', 'lab'];

/** The drawing's own width; its height follows the photo's proportions. */
const W = 400;

type Random = () => number;
type Draw = (h: number, random: Random) => string;

/** A seeded generator (mulberry32), so a thumbnail looks the same every time it is drawn. */
function seeded(sha256: string): Random {
  let state = parseInt(sha256.slice(0, 8), 16) || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const num = (value: number) => String(Math.round(value * 10) / 10);
const pick = <T>(random: Random, choices: readonly T[]): T => choices[Math.floor(random() * choices.length)] as T;
const rect = (x: number, y: number, w: number, h: number, fill: string) =>
  `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="${fill}"/>`;
const circle = (x: number, y: number, r: number, fill: string) => `<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}" fill="${fill}"/>`;
const polygon = (points: [number, number][], fill: string) =>
  `<polygon points="${points.map(([x, y]) => `${num(x)},${num(y)}`).join(' ')}" fill="${fill}"/>`;

const SKIN = ['#f1c7a5', '#d9a57e', '#b8825b', '#8d5a3b'];
const SUITS = ['#1f2430', '#2b3446', '#3a3f4b', '#222831', '#4a4e69'];

/** A person from the waist up, standing or seated, with its base at `y`. */
function person(x: number, y: number, scale: number, body: string, skin: string): string {
  const s = scale;
  const shoulders =
    `<path d="M${num(x - 13 * s)} ${num(y)} L${num(x - 13 * s)} ${num(y - 18 * s)} ` +
    `Q${num(x - 13 * s)} ${num(y - 27 * s)} ${num(x - 4 * s)} ${num(y - 28 * s)} L${num(x + 4 * s)} ${num(y - 28 * s)} ` +
    `Q${num(x + 13 * s)} ${num(y - 27 * s)} ${num(x + 13 * s)} ${num(y - 18 * s)} L${num(x + 13 * s)} ${num(y)} Z" fill="${body}"/>`;
  return shoulders + circle(x, y - 36 * s, 8 * s, skin) + `<path d="M${num(x - 8 * s)} ${num(y - 38 * s)} A${num(8 * s)} ${num(8 * s)} 0 0 1 ${num(x + 8 * s)} ${num(y - 38 * s)} Z" fill="#2a2320"/>`;
}

/** A row of the backs of heads, as seen from the audience. */
function audience(h: number, random: Random, y: number, r: number): string {
  let out = '';
  for (let x = -r; x < W + r; x += r * (1.6 + random() * 0.5)) {
    const yy = y + random() * r * 0.6;
    out += rect(x - r * 1.3, yy + r * 0.6, r * 2.6, h - yy, pick(random, SUITS));
    out += circle(x, yy, r, pick(random, ['#1b1b1b', '#3b2a20', '#55443a', '#2d2d2d', '#8a8a8a']));
  }
  return out;
}

/** Horizontal bands of sky, lightest at the horizon. */
function sky(h: number, bands: readonly string[]): string {
  return bands.map((colour, index) => rect(0, (h * index) / bands.length, W, h / bands.length + 1, colour)).join('');
}

/** Buildings along the horizon, their windows lit or not. */
function skyline(h: number, random: Random, base: number, tones: readonly string[], lit: string, dark: string): string {
  let out = '';
  for (let x = -10; x < W; ) {
    const width = 34 + random() * 46;
    const top = base - h * (0.18 + random() * 0.32);
    out += rect(x, top, width - 3, base - top, pick(random, tones));
    for (let wy = top + 8; wy < base - 10; wy += 13) {
      for (let wx = x + 6; wx < x + width - 12; wx += 11) out += rect(wx, wy, 5, 7, random() < 0.55 ? lit : dark);
    }
    x += width;
  }
  return out;
}

const hall: Draw = (h, random) => {
  const wall = pick(random, ['#2f4b7c', '#6b2737', '#35524a']);
  let out = rect(0, 0, W, h, wall) + rect(W * 0.12, h * 0.07, W * 0.76, h * 0.15, '#efe6cf');
  out += rect(W * 0.2, h * 0.11, W * 0.6, h * 0.025, '#b8a372') + rect(W * 0.3, h * 0.16, W * 0.4, h * 0.02, '#b8a372');
  out += rect(0, h * 0.62, W, h * 0.38, '#5a4632');
  const seats = 5 + Math.floor(random() * 3);
  for (let i = 0; i < seats; i += 1) {
    out += person(((i + 0.5) * W) / seats, h * 0.56, 1.05, pick(random, SUITS), pick(random, SKIN));
  }
  out += rect(W * 0.03, h * 0.53, W * 0.94, h * 0.05, '#f3efe6') + rect(W * 0.03, h * 0.58, W * 0.94, h * 0.09, '#1e2f55');
  return out + audience(h, random, h * 0.8, 17);
};

const signing: Draw = (h, random) => {
  let out = rect(0, 0, W, h, '#7a1f2b') + rect(0, h * 0.66, W, h * 0.34, '#4b3828');
  for (const x of [W * 0.2, W * 0.8]) {
    out += rect(x, h * 0.12, 3, h * 0.45, '#c9a227');
    out += rect(x + 3, h * 0.13, 38, 24, '#de2910') + circle(x + 11, h * 0.13 + 7, 3.5, '#ffde00');
    out += rect(x - 41, h * 0.13, 38, 8, '#ffffff') + rect(x - 41, h * 0.13 + 8, 38, 8, '#0039a6') + rect(x - 41, h * 0.13 + 16, 38, 8, '#d52b1e');
  }
  out += person(W * 0.36, h * 0.6, 1.5, pick(random, SUITS), pick(random, SKIN));
  out += person(W * 0.64, h * 0.6, 1.5, pick(random, SUITS), pick(random, SKIN));
  out += person(W * 0.12, h * 0.5, 1.2, pick(random, SUITS), pick(random, SKIN)) + person(W * 0.88, h * 0.5, 1.2, pick(random, SUITS), pick(random, SKIN));
  out += rect(W * 0.08, h * 0.58, W * 0.84, h * 0.05, '#f3efe6') + rect(W * 0.08, h * 0.63, W * 0.84, h * 0.14, '#2c3e66');
  out += rect(W * 0.3, h * 0.575, W * 0.12, h * 0.012, '#ffffff') + rect(W * 0.58, h * 0.575, W * 0.12, h * 0.012, '#ffffff');
  return out + audience(h, random, h * 0.9, 15);
};

const speaker: Draw = (h, random) => {
  let out = rect(0, 0, W, h, '#1d3a6e') + rect(W * 0.08, h * 0.06, W * 0.84, h * 0.5, '#284b8a');
  out += circle(W * 0.5, h * 0.2, W * 0.1, '#c9a227') + circle(W * 0.5, h * 0.2, W * 0.07, '#284b8a');
  out += person(W * 0.5, h * 0.72, 4.2, pick(random, SUITS), pick(random, SKIN));
  out += `<path d="M${num(W * 0.42)} ${num(h * 0.6)} L${num(W * 0.5)} ${num(h * 0.5)}" stroke="#111" stroke-width="3"/>`;
  out += polygon([[W * 0.2, h * 0.62], [W * 0.8, h * 0.62], [W * 0.72, h], [W * 0.28, h]], '#8b5a2b');
  return out + rect(W * 0.2, h * 0.62, W * 0.6, h * 0.03, '#a87443') + circle(W * 0.5, h * 0.76, W * 0.06, '#c9a227');
};

const group: Draw = (h, random) => {
  let out = rect(0, 0, W, h, '#e6d8bd');
  for (let x = 14; x < W; x += 48) out += rect(x, h * 0.05, 20, h * 0.55, '#f5eddc') + rect(x + 20, h * 0.05, 5, h * 0.55, '#cbb994');
  out += rect(0, 0, W, h * 0.06, '#b79d6c') + rect(0, h * 0.6, W, h * 0.4, '#a33b3b') + rect(0, h * 0.6, W, 4, '#d9c79f');
  for (const [y, scale, count] of [[h * 0.66, 1.05, 11], [h * 0.84, 1.25, 9]] as const) {
    for (let i = 0; i < count; i += 1) {
      const body = random() < 0.2 ? pick(random, ['#7d2e3a', '#3d6b8a', '#6d6a75']) : pick(random, SUITS);
      out += person(((i + 0.5) * W) / count + (random() - 0.5) * 6, y, scale, body, pick(random, SKIN));
    }
  }
  return out;
};

function street(evening: boolean): Draw {
  return (h, random) => {
    const bands = evening ? ['#3d2c5c', '#6a3d6e', '#b5577a', '#ee8b64', '#f7c17b'] : ['#9cc3e4', '#b3d2ec', '#c9e0f2', '#dcebf6', '#eef5fa'];
    const base = h * 0.72;
    let out = sky(base, bands);
    if (!evening) out += circle(W * (0.15 + random() * 0.2), h * 0.16, 16, '#fff6d8');
    const tones = evening
      ? ['#2b2340', '#35294a', '#3e3052']
      : pick(random, [['#b9a58f', '#c8b8a4', '#a7927e', '#d6c8b6'], ['#e3d3b0', '#f0e2c2', '#c9b48a'], ['#9fb0bf', '#b7c4cf', '#8796a5', '#cfd8df']]);
    out += skyline(h, random, base, tones, evening ? '#ffd37a' : '#e9f1f7', evening ? '#241d33' : '#8a9aa8');
    out += rect(0, base, W, h - base, evening ? '#2a2530' : '#8c8c8c') + rect(0, base, W, 5, evening ? '#4a4250' : '#b0b0b0');
    for (let x = 10; x < W; x += 46) out += rect(x, base + (h - base) * 0.55, 24, 3, '#e8e8e8');
    // Chestnuts along the pavement, on some streets.
    if (random() < 0.5) {
      for (let x = 20 + random() * 30; x < W; x += 90 + random() * 40) {
        out += rect(x - 2, base - 30, 4, 34, '#5a4632') + circle(x, base - 38, 17, evening ? '#2f3b2a' : '#5f8f4e') + circle(x + 10, base - 30, 12, evening ? '#28331f' : '#4f7d40');
      }
    }
    for (let i = 0; i < 7; i += 1) {
      out += person(random() * W, base + 6 + random() * (h - base) * 0.5, 0.75 + random() * 0.3, pick(random, ['#1f2430', '#6b2737', '#35524a', '#c9a227', '#3d6b8a']), pick(random, SKIN));
    }
    return out;
  };
}

const squareEvening: Draw = (h, random) => {
  const base = h * 0.74;
  let out = sky(base, ['#1c2447', '#2e3566', '#574a83', '#9c6a8f', '#e0937a']);
  out += rect(0, base - h * 0.12, W, h * 0.12, '#7e2a22');
  for (let x = 0; x < W; x += 14) out += rect(x, base - h * 0.12 - 6, 8, 7, '#7e2a22');
  out += rect(W * 0.12, base - h * 0.42, 26, h * 0.42, '#8e3327') + polygon([[W * 0.12 - 3, base - h * 0.42], [W * 0.12 + 13, base - h * 0.6], [W * 0.12 + 29, base - h * 0.42]], '#2f5d3a');
  out += circle(W * 0.12 + 13, base - h * 0.61, 4, '#e2342a');
  const domes = [['#c23b22', 0.6], ['#2f7a4c', 0.68], ['#d7a12a', 0.76], ['#2b5ea8', 0.84]] as const;
  out += rect(W * 0.56, base - h * 0.25, W * 0.32, h * 0.25, '#b5533b');
  for (const [colour, at] of domes) {
    out += rect(W * at - 6, base - h * 0.34, 12, h * 0.1, '#d9c7a0') + circle(W * at, base - h * 0.37, 11, colour);
    out += polygon([[W * at - 4, base - h * 0.4], [W * at, base - h * 0.47], [W * at + 4, base - h * 0.4]], colour);
  }
  out += rect(0, base, W, h - base, '#4d4650');
  for (let y = base + 8; y < h; y += 10) out += rect(0, y, W, 1.5, '#5b5360');
  for (let i = 0; i < 5; i += 1) out += person(random() * W, base + 12 + random() * (h - base) * 0.6, 0.8, pick(random, SUITS), pick(random, SKIN));
  return out + circle(W * 0.82, h * 0.1, 9, '#f4efd8');
};

const snow: Draw = (h, random) => {
  let out = sky(h * 0.5, ['#c8d3dd', '#d5dee6', '#e1e8ee']);
  out += polygon([[0, h * 0.5], [W * 0.18, h * 0.3], [W * 0.4, h * 0.45], [W * 0.62, h * 0.26], [W * 0.85, h * 0.42], [W, h * 0.34], [W, h * 0.6], [0, h * 0.6]], '#9aa9b6');
  const ridge: [number, number][] = [[0, h * 0.72], [W * 0.15, h * 0.5], [W * 0.32, h * 0.6], [W * 0.5, h * 0.42], [W * 0.7, h * 0.56], [W * 0.88, h * 0.46], [W, h * 0.52]];
  out += polygon([...ridge, [W, h], [0, h]], '#f4f6f8');
  for (let i = 0; i < 40; i += 1) out += circle(random() * W, h * 0.6 + random() * h * 0.4, 2 + random() * 4, '#6f7d6a');
  out += `<polyline points="${ridge.map(([x, y]) => `${num(x)},${num(y + 2)}`).join(' ')}" fill="none" stroke="#a8957a" stroke-width="9" stroke-linejoin="round"/>`;
  for (const [x, y] of ridge.slice(1, -1)) out += rect(x - 9, y - 18, 18, 20, '#9c876b') + rect(x - 10, y - 20, 20, 4, '#f4f6f8');
  return out;
};

const fair: Draw = (h, random) => {
  let out = rect(0, 0, W, h, '#f2d9a0') + rect(0, h * 0.2, W, h * 0.45, '#a3211d');
  out += polygon([[-10, h * 0.22], [W * 0.5, h * 0.02], [W + 10, h * 0.22]], '#2e5e4e') + rect(0, h * 0.2, W, 6, '#d7a12a');
  for (let x = 20; x < W; x += 70) out += rect(x, h * 0.26, 16, h * 0.39, '#7a1612');
  for (const y of [h * 0.3, h * 0.45]) {
    out += `<path d="M0 ${num(y - 14)} Q${num(W / 2)} ${num(y + 4)} ${num(W)} ${num(y - 14)}" stroke="#5a1a14" stroke-width="1.5" fill="none"/>`;
    for (let x = 18; x < W; x += 44) {
      out += `<ellipse cx="${num(x)}" cy="${num(y)}" rx="13" ry="11" fill="#e8302a"/>` + rect(x - 7, y - 13, 14, 3, '#d7a12a') + rect(x - 1.5, y + 10, 3, 9, '#d7a12a');
    }
  }
  return out + audience(h, random, h * 0.72, 14) + audience(h, random, h * 0.85, 18);
};

const lab: Draw = (h, random) => {
  let out = rect(0, 0, W, h, '#d8e6e3') + rect(W * 0.62, h * 0.08, W * 0.3, h * 0.32, '#eef6f7') + rect(W * 0.62, h * 0.23, W * 0.3, 3, '#b9ccca');
  for (const y of [h * 0.18, h * 0.34]) {
    out += rect(W * 0.05, y, W * 0.48, 4, '#8a9b98');
    for (let x = W * 0.07; x < W * 0.5; x += 14) out += rect(x, y - 14 - random() * 6, 9, 20, pick(random, ['#6fa3c7', '#e5b25d', '#9ccf9a', '#e07a5f', '#ffffff']));
  }
  out += person(W * 0.25, h * 0.62, 1.9, '#f7f9f9', pick(random, SKIN)) + person(W * 0.55, h * 0.62, 1.8, pick(random, SUITS), pick(random, SKIN));
  out += person(W * 0.8, h * 0.62, 1.9, '#f7f9f9', pick(random, SKIN));
  out += rect(0, h * 0.6, W, h * 0.06, '#4f5d63') + rect(0, h * 0.66, W, h * 0.34, '#9fb3b5');
  out += rect(W * 0.42, h * 0.46, 10, h * 0.14, '#2f3a40') + polygon([[W * 0.4, h * 0.6], [W * 0.48, h * 0.6], [W * 0.46, h * 0.56], [W * 0.42, h * 0.56]], '#2f3a40');
  return out + polygon([[W * 0.66, h * 0.6], [W * 0.7, h * 0.5], [W * 0.74, h * 0.6]], '#6fa3c7');
};

const DRAW: Record<Scene, Draw> = {
  hall,
  signing,
  speaker,
  group,
  street: street(false),
  'street-evening': street(true),
  'square-evening': squareEvening,
  snow,
  fair,
  lab,
};

/** A thumbnail `size` px on its longer side, as a data: URL. */
export function sceneThumbnail(sha256: string, size: number, aspect: number, scene?: Scene): string {
  const landscape = aspect >= 1;
  const width = landscape ? size : Math.round(size * aspect);
  const height = landscape ? Math.round(size / aspect) : size;
  const random = seeded(sha256);
  const chosen = scene ?? SCENES[parseInt(sha256.slice(8, 10), 16) % SCENES.length] ?? 'hall';
  const h = Math.round(W / aspect);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(width)}" height="${String(height)}" viewBox="0 0 ${String(W)} ${String(h)}" preserveAspectRatio="xMidYMid slice">` +
    DRAW[chosen](h, random) +
    `</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
