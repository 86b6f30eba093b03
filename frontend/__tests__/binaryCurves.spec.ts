import { afterEach, describe, expect, it, vi } from 'vitest'
import { CURVES_MEDIA_TYPE, decodeCurveSet } from '@/api/binaryCurves'
import { paged } from '@/api/paged'
import { WireError } from '@/api/wire'

afterEach(() => vi.unstubAllGlobals())

/** Bytes laid out as docs/api.md gives the binary curves answer, written field by field. */
class Bytes {
  private out: number[] = []
  u8(v: number) {
    this.out.push(v & 0xff)
    return this
  }
  u16(v: number) {
    return this.u8(v).u8(v >> 8)
  }
  u32(v: number) {
    return this.u16(v & 0xffff).u16(v >>> 16)
  }
  i64(v: number) {
    const b = new DataView(new ArrayBuffer(8))
    b.setBigInt64(0, BigInt(v), true)
    for (let i = 0; i < 8; i++) this.u8(b.getUint8(i))
    return this
  }
  f64(v: number) {
    const b = new DataView(new ArrayBuffer(8))
    b.setFloat64(0, v, true)
    for (let i = 0; i < 8; i++) this.u8(b.getUint8(i))
    return this
  }
  text(s: string) {
    const b = new TextEncoder().encode(s)
    this.u16(b.length)
    b.forEach((x) => this.u8(x))
    return this
  }
  /** Zig-zag LEB128, written with arithmetic (steps beyond 32 bits). */
  zigzag(d: number) {
    let z = d >= 0 ? 2 * d : -2 * d - 1
    while (z >= 128) {
      this.u8((z % 128) | 0x80)
      z = Math.floor(z / 128)
    }
    return this.u8(z)
  }
  curve(c: {
    trial: string
    steps: number[]
    q: number[]
    count: number
    flags: number
    lastStep: number
    lo: number
    hi: number
  }) {
    this.text(c.trial).u32(c.steps.length).u32(c.count).u8(c.flags).i64(c.lastStep)
    this.f64(c.lo).f64(c.hi)
    let previous = 0
    for (const s of c.steps) {
      this.zigzag(s - previous)
      previous = s
    }
    c.q.forEach((q) => this.u8(q >> 8))
    c.q.forEach((q) => this.u8(q))
    return this
  }
  /** A float32 curve: flag 8, the values' bytes in four planes, the most significant first. */
  float32Curve(trial: string, steps: number[], values: number[]) {
    const words = values.map((v) => {
      const b = new DataView(new ArrayBuffer(4))
      b.setFloat32(0, v)
      return b.getUint32(0)
    })
    this.text(trial).u32(steps.length).u32(steps.length).u8(8).i64(0)
    this.f64(Math.min(...values)).f64(Math.max(...values))
    let previous = 0
    for (const s of steps) {
      this.zigzag(s - previous)
      previous = s
    }
    for (const shift of [24, 16, 8, 0]) words.forEach((w) => this.u8(w >>> shift))
    return this
  }
  header(metric: string, points: number, since: number | null, trials: number) {
    ;[...'ILC1'].forEach((ch) => this.u8(ch.charCodeAt(0)))
    this.text(metric)
      .u32(points)
      .u8(since === null ? 0 : 1)
      .i64(since ?? 0)
      .u32(trials)
    return this
  }
  buffer(): ArrayBuffer {
    return new Uint8Array(this.out).buffer
  }
}

const BIG = 2 ** 40

function sample(): Bytes {
  return new Bytes()
    .header('train_loss', 1000, 7, 3)
    .curve({
      trial: 's1-0',
      steps: [8, 9, BIG, BIG + 5],
      q: [0, 65535, 32768, 1],
      count: 4000,
      flags: 1 | 2, // downsampled, has lastStep
      lastStep: BIG + 9,
      lo: -0.5,
      hi: 1.5,
    })
    .curve({
      trial: 'ünïcode',
      steps: [10, 12],
      q: [65535, 0],
      count: 2,
      flags: 2 | 4, // log-quantised
      lastStep: 12,
      lo: 0.001,
      hi: 10,
    })
    .curve({ trial: 'empty', steps: [], q: [], count: 0, flags: 0, lastStep: 0, lo: 0, hi: 0 })
}

describe('binary curves answer', () => {
  it('decodes every field by the documented layout', () => {
    const set = decodeCurveSet(sample().buffer())
    expect(set).toMatchObject({ metric: 'train_loss', points: 1000, since: 7 })
    const [a, b, c] = set.curves
    expect(a!.trial).toBe('s1-0')
    expect(a!.steps).toEqual([8, 9, BIG, BIG + 5])
    expect(a!.values[0]).toBe(-0.5)
    expect(a!.values[1]).toBe(1.5)
    expect(a!.values[2]).toBeCloseTo(-0.5 + (32768 / 65535) * 2, 12)
    expect(a!.values[3]).toBeCloseTo(-0.5 + 2 / 65535, 12)
    expect(a!).toMatchObject({ count: 4000, downsampled: true, lastStep: BIG + 9 })
    expect(b!.trial).toBe('ünïcode')
    expect(b!.values).toEqual([10, 0.001])
    expect(b!).toMatchObject({ downsampled: false, lastStep: 12 })
    expect(c).toEqual({
      trial: 'empty',
      steps: [],
      values: [],
      count: 0,
      downsampled: false,
      lastStep: null,
    })
  })

  it('reads float32 values (format=binary) exactly', () => {
    const values = [0.53125, -2.5e-7, 3.4e38, Math.fround(0.1)]
    const set = decodeCurveSet(
      new Bytes().header('train_loss', 5, null, 1).float32Curve('t', [1, 2, 3, 9], values).buffer(),
    )
    expect(set.curves[0]!.values).toEqual(values.map(Math.fround))
    expect(set.curves[0]!.steps).toEqual([1, 2, 3, 9])
    expect(set.curves[0]!.lastStep).toBeNull()
  })

  it('spaces a log-quantised curve evenly in log space', () => {
    const bytes = new Bytes()
      .header('lr', 10, null, 1)
      .curve({
        trial: 't',
        steps: [1, 2, 3],
        q: [0, 32768, 65535],
        count: 3,
        flags: 4,
        lastStep: 0,
        lo: 1e-4,
        hi: 1,
      })
      .buffer()
    const set = decodeCurveSet(bytes)
    expect(set.since).toBeNull()
    expect(set.curves[0]!.lastStep).toBeNull()
    expect(Math.log10(set.curves[0]!.values[1]!)).toBeCloseTo(-4 + 4 * (32768 / 65535), 10)
  })

  it('refuses a foreign, truncated or overlong body with the field it names', () => {
    const good = new Uint8Array(sample().buffer())
    const foreign = good.slice()
    foreign[0] = 'X'.charCodeAt(0)
    expect(() => decodeCurveSet(foreign.buffer)).toThrow(/not a ILC1 curves answer/)
    for (const cut of [3, 20, good.length - 1]) {
      const e = (() => {
        try {
          decodeCurveSet(good.slice(0, cut).buffer)
        } catch (x) {
          return x
        }
      })()
      expect(e).toBeInstanceOf(WireError)
      expect((e as Error).message).toMatch(/ends early/)
    }
    const longer = new Uint8Array(good.length + 2)
    longer.set(good)
    expect(() => decodeCurveSet(longer.buffer)).toThrow(/2 bytes after the last curve/)
  })

  it('is what the paged client asks for and reads, with the ETag; a JSON answer still works', async () => {
    const urls: string[] = []
    const accepts: string[] = []
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      urls.push(url)
      accepts.push((init?.headers as Record<string, string>).Accept!)
      return new Response(sample().buffer(), {
        status: 200,
        headers: { 'Content-Type': CURVES_MEDIA_TYPE, ETag: 'W/"b1"' },
      })
    })
    const set = await paged.curves('s1', { metric: 'train_loss', points: 1000 })
    expect(new URL(urls[0]!, 'http://x').searchParams.get('format')).toBe('binary')
    expect(accepts[0]).toBe(`${CURVES_MEDIA_TYPE}, application/json`)
    expect(set!.etag).toBe('W/"b1"')
    expect(set!.curves.map((c) => c.trial)).toEqual(['s1-0', 'ünïcode', 'empty'])

    const cut = sample().buffer().slice(0, 30)
    vi.stubGlobal(
      'fetch',
      async () => new Response(cut, { headers: { 'Content-Type': CURVES_MEDIA_TYPE } }),
    )
    await expect(paged.curves('s1', { metric: 'train_loss', points: 1000 })).rejects.toThrow(
      /off the API contract: curves: the answer ends early/,
    )
  })
})
