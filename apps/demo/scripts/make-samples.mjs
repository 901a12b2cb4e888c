// Draws the sample pictures in samples/ with jpeg-js. The pixel noise comes from a seeded
// generator and the encoder has no randomness, so every run writes byte-identical files.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import jpeg from "jpeg-js";

const WIDTH = 480;
const HEIGHT = 360;
const QUALITY = 85;
const outDir = join(dirname(fileURLToPath(import.meta.url)), "..", "samples");

/** mulberry32: a tiny seeded generator, enough for grain that keeps files a few tens of KB. */
function seeded(seed) {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);

    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function clamp(value) {
  return Math.max(0, Math.min(255, Math.round(value)));
}

/** Renders one picture: `shade(x, y)` returns [r, g, b]; grain is added on top. */
function render(seed, shade) {
  const random = seeded(seed);
  const data = Buffer.alloc(WIDTH * HEIGHT * 4);

  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const [r, g, b] = shade(x, y, random);
      const grain = (random() - 0.5) * 18;
      const at = (y * WIDTH + x) * 4;
      data[at] = clamp(r + grain);
      data[at + 1] = clamp(g + grain);
      data[at + 2] = clamp(b + grain);
      data[at + 3] = 255;
    }
  }

  return jpeg.encode({ data, width: WIDTH, height: HEIGHT }, QUALITY).data;
}

function inCircle(x, y, cx, cy, radius) {
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

const pictures = {
  // An evening sky over a dark hill, with a low sun.
  "sunset-hill.jpg": (x, y) => {
    const sky = y / HEIGHT;
    if (y > HEIGHT * 0.7 + Math.sin(x / 60) * 20) return [30, 45 + sky * 20, 35];
    if (inCircle(x, y, 340, 210, 45)) return [255, 220, 120];

    return [250 - sky * 60, 120 + sky * 40, 90 + sky * 110];
  },

  // Three overlapping discs on a diagonal blue gradient.
  "three-discs.jpg": (x, y) => {
    const base = [40 + (x / WIDTH) * 60, 70 + (y / HEIGHT) * 80, 160 + (x / WIDTH) * 80];
    if (inCircle(x, y, 170, 160, 90)) return [230, 70, 80];
    if (inCircle(x, y, 280, 150, 80)) return [250, 200, 60];
    if (inCircle(x, y, 230, 240, 75)) return [70, 200, 120];

    return base;
  },

  // Diagonal stripes whose colour drifts from teal to magenta.
  "drifting-stripes.jpg": (x, y) => {
    const stripe = Math.floor((x + y) / 32) % 2 === 0;
    const drift = x / WIDTH;

    return stripe ? [40 + drift * 200, 170 - drift * 100, 170] : [245, 240, 225];
  },

  // A checkerboard bent by a sine wave, with a soft vignette.
  "wavy-checks.jpg": (x, y) => {
    const bend = Math.sin(y / 40) * 18;
    const check = (Math.floor((x + bend) / 40) + Math.floor(y / 40)) % 2 === 0;
    const fade = 1 - Math.hypot(x - WIDTH / 2, y - HEIGHT / 2) / (WIDTH * 0.75);

    return check ? [200 * fade, 90 * fade, 40 * fade] : [250 * fade, 235 * fade, 200 * fade];
  },
};

mkdirSync(outDir, { recursive: true });

let seed = 20_240;
for (const [name, shade] of Object.entries(pictures)) {
  const bytes = render(seed++, shade);
  writeFileSync(join(outDir, name), bytes);
  process.stdout.write(`${name}: ${bytes.length} bytes\n`);
}
