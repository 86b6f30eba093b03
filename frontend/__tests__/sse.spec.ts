import { describe, expect, it, vi } from 'vitest'
import { openStream, SseParser } from '@/stream/sse'
import type { StreamBatch } from '@/api/types'

describe('SseParser', () => {
  it('parses messages split across arbitrary chunks', () => {
    const text =
      ': comment\nid: 1\nevent: batch\ndata: {"a":1}\n\nid: 2\nevent: batch\ndata: line1\ndata: line2\n\n'
    for (const size of [1, 3, 7, text.length]) {
      const p = new SseParser()
      const out = []
      for (let i = 0; i < text.length; i += size) out.push(...p.feed(text.slice(i, i + size)))
      expect(out).toEqual([
        { id: '1', event: 'batch', data: '{"a":1}' },
        { id: '2', event: 'batch', data: 'line1\nline2' },
      ])
      expect(p.lastId).toBe('2')
    }
  })

  it('accepts CRLF line ends and keeps the last id for messages without one', () => {
    const p = new SseParser()
    expect(p.feed('id: 7\r\ndata: x\r\n\r\ndata: y\r\n\r\n')).toEqual([
      { id: '7', event: 'message', data: 'x' },
      { id: '7', event: 'message', data: 'y' },
    ])
  })
})

/** A fake server: each call to fetch answers the next scripted body, recording the request headers. */
function scriptedFetch(bodies: string[]) {
  const seen: (string | null)[] = []
  const impl = (async (_url: string, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>
    seen.push(headers['Last-Event-ID'] ?? null)
    const body = bodies.shift()
    if (body === undefined) return new Promise<Response>(() => {})
    return new Response(
      new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode(body))
          c.close()
        },
      }),
      { status: 200, headers: { 'Content-Type': 'text/event-stream' } },
    )
  }) as typeof fetch
  return { impl, seen }
}

const batch = (id: number, step: number) =>
  `id: ${id}\nevent: batch\ndata: ${JSON.stringify({
    metrics: [
      {
        trial: 't1',
        sweep: 's1',
        name: 'train_loss',
        step,
        epoch: 0,
        value: 1 / (step + 1),
        attempt: 1,
        time: '2026-11-26T15:00:00Z',
      },
    ],
    trials: [{ id: 't1', sweep: 's1', state: 'running', attempt: 1 }],
    sweeps: [],
  })}\n\n`

describe('openStream', () => {
  it('batches messages, and after the connection drops resumes with Last-Event-ID', async () => {
    const { impl, seen } = scriptedFetch([batch(1, 0) + batch(2, 1), batch(3, 2)])
    const received: StreamBatch[][] = []
    const flushes: (() => void)[] = []
    const handle = openStream('/api/events?sweep=s1', {
      fetchImpl: impl,
      onBatches: (b) => received.push(b),
      schedule: (cb) => flushes.push(cb),
      retryDelays: [1],
    })
    await vi.waitFor(() => expect(seen).toHaveLength(3))
    // the first connection had no id; the second resumed after 2; the third after 3
    expect(seen).toEqual([null, '2', '3'])
    flushes.forEach((f) => f())
    // one flush was scheduled for the whole burst: all three messages in one delivery
    expect(received).toHaveLength(1)
    expect(received[0]!.map((b) => b.id)).toEqual([1, 2, 3])
    expect(received[0]!.flatMap((b) => b.metrics.map((m) => m.step))).toEqual([0, 1, 2])
    expect(handle.lastEventId()).toBe('3')
    handle.close()
  })

  it('sends the Last-Event-ID it was given on the first connection', async () => {
    const { impl, seen } = scriptedFetch([])
    const handle = openStream('/x', { fetchImpl: impl, onBatches: () => {}, lastEventId: '41' })
    await vi.waitFor(() => expect(seen).toEqual(['41']))
    handle.close()
  })

  it('asks for a reload when the server cannot replay the missed events', async () => {
    const reset = 'event: reset\ndata: {"reason":"events were missed; reload from the API"}\n\n'
    const { impl } = scriptedFetch([reset + batch(9, 5)])
    const resets: number[] = []
    const received: StreamBatch[] = []
    const handle = openStream('/x', {
      fetchImpl: impl,
      lastEventId: '3',
      onBatches: (b) => received.push(...b),
      onReset: () => resets.push(received.length),
      schedule: (cb) => cb(),
    })
    await vi.waitFor(() => expect(received).toHaveLength(1))
    // the reset came before any batch, and the batch after it was still delivered
    expect(resets).toEqual([0])
    expect(received[0]!.id).toBe(9)
    handle.close()
  })
})
