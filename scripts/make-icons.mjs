#!/usr/bin/env node
// Generates resources/icons/icon.png (1024²), icon.ico (16–256) and
// icon.icns (16–1024) with Node alone: shapes are drawn from signed distance
// functions with analytic anti-aliasing, PNGs are written with zlib, and the
// .ico/.icns containers hold PNG entries. The outputs are committed; run this
// only to change the design: node scripts/make-icons.mjs
//
// Design: two offset rounded windows on a dark tile — the back one violet
// (the supervising side), the front one a terminal with a teal ">_" prompt.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const outDir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'resources', 'icons');

// ---- colours (sRGB 0–255) -------------------------------------------------
const BG_TOP = [30, 38, 56];
const BG_BOTTOM = [10, 14, 22];
const VIOLET_TOP = [155, 121, 255];
const VIOLET_BOTTOM = [112, 72, 232];
const TEAL = [45, 212, 191];
const SCREEN = [13, 17, 23];
const DOT = [36, 28, 74];

// ---- signed distance functions (design units: a 1024 × 1024 canvas) -----
function roundedBox(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - (hw - r);
  const qy = Math.abs(y - cy) - (hh - r);
  const ox = Math.max(qx, 0);
  const oy = Math.max(qy, 0);
  return Math.hypot(ox, oy) + Math.min(Math.max(qx, qy), 0) - r;
}

function segment(x, y, ax, ay, bx, by, halfWidth) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - halfWidth;
}

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

/**
 * The picture as layers, back to front: each gives a distance (negative
 * inside) and a colour at a point. `margin` is the empty border around the
 * tile: macOS icons follow Apple's grid (824 of 1024), Windows and Linux
 * icons use more of the square because they are shown small.
 */
function layers(margin) {
  const tileHalf = 512 - margin;
  const tileRadius = tileHalf * 0.45;
  // The two windows scale with the tile so both variants keep the proportions.
  const k = tileHalf / 412;
  const at = (v) => 512 + (v - 512) * k;
  const len = (v) => v * k;
  const back = { cx: at(440), cy: at(428), hw: len(236), hh: len(192), r: len(52) };
  const front = { cx: at(584), cy: at(598), hw: len(236), hh: len(192), r: len(52) };
  const gap = len(24);
  const border = len(30);
  const stroke = len(27);
  const bg = (_x, y) => mix(BG_TOP, BG_BOTTOM, y / 1024);
  return [
    { d: (x, y) => roundedBox(x, y, 512, 512, tileHalf, tileHalf, tileRadius), color: bg },
    {
      d: (x, y) => roundedBox(x, y, back.cx, back.cy, back.hw, back.hh, back.r),
      color: (_x, y) => mix(VIOLET_TOP, VIOLET_BOTTOM, (y - (back.cy - back.hh)) / (2 * back.hh)),
    },
    ...[0, 1, 2].map((i) => ({
      d: (x, y) => Math.hypot(x - (back.cx - back.hw + len(58) + i * len(44)), y - (back.cy - back.hh + len(54))) - len(15),
      color: () => DOT,
    })),
    // A ring of background colour around the front window separates the two.
    { d: (x, y) => roundedBox(x, y, front.cx, front.cy, front.hw + gap, front.hh + gap, front.r + gap), color: bg },
    { d: (x, y) => roundedBox(x, y, front.cx, front.cy, front.hw, front.hh, front.r), color: () => TEAL },
    {
      d: (x, y) => roundedBox(x, y, front.cx, front.cy, front.hw - border, front.hh - border, Math.max(1, front.r - border)),
      color: () => SCREEN,
    },
    {
      d: (x, y) =>
        Math.min(
          segment(x, y, at(462), at(536), at(540), at(598), stroke),
          segment(x, y, at(540), at(598), at(462), at(660), stroke),
        ),
      color: () => TEAL,
    },
    { d: (x, y) => segment(x, y, at(586), at(660), at(704), at(660), stroke), color: () => TEAL },
  ];
}

/** Renders one size; 4×4 supersampling on top of the distance-based edge keeps small sizes crisp. */
function render(size, margin) {
  const scene = layers(margin);
  const px = new Uint8Array(size * size * 4);
  const unit = 1024 / size;
  const SS = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sj = 0; sj < SS; sj++) {
        for (let si = 0; si < SS; si++) {
          const x = (i + (si + 0.5) / SS) * unit;
          const y = (j + (sj + 0.5) / SS) * unit;
          // Premultiplied "over" compositing, back to front.
          let cr = 0;
          let cg = 0;
          let cb = 0;
          let ca = 0;
          for (const layer of scene) {
            const cover = Math.max(0, Math.min(1, 0.5 - layer.d(x, y) / (unit / SS)));
            if (cover === 0) continue;
            const [lr, lg, lb] = layer.color(x, y);
            cr = lr * cover + cr * (1 - cover);
            cg = lg * cover + cg * (1 - cover);
            cb = lb * cover + cb * (1 - cover);
            ca = cover + ca * (1 - cover);
          }
          r += cr;
          g += cg;
          b += cb;
          a += ca;
        }
      }
      const n = SS * SS;
      const o = (j * size + i) * 4;
      const alpha = a / n;
      px[o] = alpha > 0 ? Math.round(r / n / alpha) : 0;
      px[o + 1] = alpha > 0 ? Math.round(g / n / alpha) : 0;
      px[o + 2] = alpha > 0 ? Math.round(b / n / alpha) : 0;
      px[o + 3] = Math.round(alpha * 255);
    }
  }
  return px;
}

// ---- PNG ------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- ICO (PNG entries: Windows Vista and later) ---------------------------
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

// ---- ICNS (PNG entries) ---------------------------------------------------
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024], // 512@2x
  ['ic11', 32], // 16@2x
  ['ic12', 64], // 32@2x
  ['ic13', 256], // 128@2x
  ['ic14', 512], // 256@2x
];
function icns(pngBySize) {
  const parts = ICNS_TYPES.map(([type, size]) => {
    const data = pngBySize(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + data.length, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

// ---- output -----------------------------------------------------------------
/** Apple's grid leaves 100 of 1024 around the tile; elsewhere icons show small, so the tile fills more. */
const MAC_MARGIN = 100;
const OTHER_MARGIN = 24;

const cache = new Map();
const pngFor = (size, margin) => {
  const key = `${size}/${margin}`;
  if (!cache.has(key)) cache.set(key, png(size, render(size, margin)));
  return cache.get(key);
};

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'icon.png'), pngFor(1024, OTHER_MARGIN));
writeFileSync(join(outDir, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, data: pngFor(size, OTHER_MARGIN) }))));
writeFileSync(join(outDir, 'icon.icns'), icns((size) => pngFor(size, MAC_MARGIN)));
console.log(`icons written to ${outDir}: icon.png (1024), icon.ico (16–256), icon.icns (16–1024)`);
