/**
 * The bulk curves endpoint's binary answers (`GET /api/sweeps/{id}/curves?format=binary` or
 * `binary16`, `application/x-inception-curves`; layout in docs/api.md and the server's
 * BinaryCurves): the JSON answer's fields, each curve's values as float32 (`binary`, the JSON's
 * precision) or as 16-bit codes over the curve's own range (`binary16`: log range when every value
 * is positive, the smallest and largest value exact). Steps are exact in both.
 */
import type { CurveSet } from './paged'
import type { Curve } from './types'
import { WireError } from './wire'

export const CURVES_MEDIA_TYPE = 'application/x-inception-curves'

const MAGIC = 'ILC1'
const DOWNSAMPLED = 1
const HAS_LAST_STEP = 2
const LOG = 4
const FLOAT32 = 8
const LEVELS = 65535

/** Decodes a binary answer; a truncated or foreign body is a {@link WireError}. */
export function decodeCurveSet(bytes: ArrayBuffer, where = 'curves'): Omit<CurveSet, 'etag'> {
  const r = new Reader(bytes, where)
  if (r.text(4, true) !== MAGIC) throw new WireError(r.where, `not a ${MAGIC} curves answer`)
  const metric = r.shortText()
  const points = r.u32()
  const hasSince = r.u8() !== 0
  const sinceValue = r.i64()
  const n = r.u32()
  const curves: Curve[] = []
  for (let t = 0; t < n; t++) curves.push(curve(r))
  if (r.at !== bytes.byteLength)
    throw new WireError(r.where, `${bytes.byteLength - r.at} bytes after the last curve`)
  return { metric, points, since: hasSince ? sinceValue : null, curves }
}

function curve(r: Reader): Curve {
  const trial = r.shortText()
  const kept = r.u32()
  const count = r.u32()
  const flags = r.u8()
  const last = r.i64()
  const lo = r.f64()
  const hi = r.f64()
  const steps = new Array<number>(kept)
  let step = 0
  for (let i = 0; i < kept; i++) {
    step += r.zigzag()
    steps[i] = step
  }
  if ((flags & FLOAT32) !== 0) {
    // four byte planes, the most significant first
    const planes = [r.bytes(kept), r.bytes(kept), r.bytes(kept), r.bytes(kept)]
    const one = new DataView(new ArrayBuffer(4))
    const values = new Array<number>(kept)
    for (let i = 0; i < kept; i++) {
      for (let p = 0; p < 4; p++) one.setUint8(p, planes[p]![i]!)
      values[i] = one.getFloat32(0)
    }
    return curveOf(trial, steps, values, count, flags, last)
  }
  const high = r.bytes(kept)
  const low = r.bytes(kept)
  const log = (flags & LOG) !== 0
  const base = log ? Math.log(lo) : lo
  const span = (log ? Math.log(hi) : hi) - base
  const values = new Array<number>(kept)
  for (let i = 0; i < kept; i++) {
    const q = (high[i]! << 8) | low[i]!
    if (q === 0) values[i] = lo
    else if (q === LEVELS) values[i] = hi
    else {
      const x = base + (q / LEVELS) * span
      values[i] = log ? Math.exp(x) : x
    }
  }
  return curveOf(trial, steps, values, count, flags, last)
}

function curveOf(
  trial: string,
  steps: number[],
  values: number[],
  count: number,
  flags: number,
  last: number,
): Curve {
  return {
    trial,
    steps,
    values,
    count,
    downsampled: (flags & DOWNSAMPLED) !== 0,
    lastStep: (flags & HAS_LAST_STEP) !== 0 ? last : null,
  }
}

/** Little-endian reads that report a body ending early. */
class Reader {
  at = 0
  private readonly view: DataView
  private readonly u8s: Uint8Array

  constructor(
    bytes: ArrayBuffer,
    readonly where: string,
  ) {
    this.view = new DataView(bytes)
    this.u8s = new Uint8Array(bytes)
  }

  private take(n: number): number {
    if (this.at + n > this.u8s.length)
      throw new WireError(
        this.where,
        `the answer ends early (byte ${this.at} of ${this.u8s.length})`,
      )
    const at = this.at
    this.at += n
    return at
  }

  u8(): number {
    return this.view.getUint8(this.take(1))
  }
  u32(): number {
    return this.view.getUint32(this.take(4), true)
  }
  i64(): number {
    return Number(this.view.getBigInt64(this.take(8), true))
  }
  f64(): number {
    return this.view.getFloat64(this.take(8), true)
  }
  bytes(n: number): Uint8Array {
    const at = this.take(n)
    return this.u8s.subarray(at, at + n)
  }
  text(n: number, ascii = false): string {
    const b = this.bytes(n)
    return ascii ? String.fromCharCode(...b) : new TextDecoder().decode(b)
  }
  shortText(): string {
    return this.text(this.view.getUint16(this.take(2), true))
  }

  /** A zig-zag LEB128 integer (exact up to 2^53). */
  zigzag(): number {
    let v = 0
    let scale = 1
    for (;;) {
      const b = this.u8()
      v += (b & 0x7f) * scale
      if ((b & 0x80) === 0) break
      scale *= 128
      if (scale > 2 ** 63) throw new WireError(this.where, `a step at byte ${this.at} is too long`)
    }
    // v = 2|d| for d ≥ 0, 2|d| − 1 for d < 0
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2
  }
}
