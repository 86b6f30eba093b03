import { afterEach, describe, expect, it, vi } from 'vitest'
import { allPages, paged } from '@/api/paged'
import { ApiError } from '@/api/client'
import { stubServer, wireResultRow, wireSweep } from './fixtures'

afterEach(() => vi.unstubAllGlobals())

describe('paged client', () => {
  it('sends limit, cursor, sort and filters, and converts a page', async () => {
    const calls = stubServer({
      '/api/sweeps/s1/results': {
        items: [wireResultRow({ trial: 't7', index: 7 })],
        next: 'abc',
        total: 42,
      },
    })
    const page = await paged.results('s1', {
      limit: 50,
      cursor: 'prev',
      sort: '-bestValAccuracy',
      states: ['completed', 'pruned'],
      param: { name: 'model', value: 'googlenet' },
    })
    expect(page.total).toBe(42)
    expect(page.next).toBe('abc')
    expect(page.items[0]!.trial).toBe('t7')
    const url = new URL(calls.at(-1)!.url, 'http://x')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      limit: '50',
      cursor: 'prev',
      sort: '-bestValAccuracy',
      state: 'completed,pruned',
      param: 'model:googlenet',
    })
  })

  it('walks every page from next to next', async () => {
    const pages: Record<string, unknown> = {
      '': { items: [wireSweep({ id: 'a' }), wireSweep({ id: 'b' })], next: 'c1', total: 3 },
      c1: { items: [wireSweep({ id: 'c' })], next: null, total: 3 },
    }
    vi.stubGlobal('fetch', async (url: string) => {
      const c = new URL(url, 'http://x').searchParams.get('cursor') ?? ''
      return new Response(JSON.stringify(pages[c]), { status: 200 })
    })
    const ids: string[] = []
    for await (const p of allPages((cursor) => paged.sweeps({ limit: 2, cursor })))
      ids.push(...p.items.map((s) => s.id))
    expect(ids).toEqual(['a', 'b', 'c'])
  })

  it('converts a curve set, keeps its ETag, and answers null for an unchanged one', async () => {
    const body = {
      metric: 'train_loss',
      points: 100,
      since: null,
      trials: [
        {
          trial: 't1',
          steps: [1, 5],
          values: [0.5, 0.25],
          count: 2,
          downsampled: false,
          lastStep: 5,
        },
      ],
    }
    const seen: (string | null)[] = []
    vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
      const tag = (init?.headers as Record<string, string>)['If-None-Match'] ?? null
      seen.push(tag)
      return tag === 'W/"v1"'
        ? new Response(null, { status: 304, headers: { ETag: 'W/"v1"' } })
        : new Response(JSON.stringify(body), { status: 200, headers: { ETag: 'W/"v1"' } })
    })
    const set = await paged.curves('s1', { metric: 'train_loss', points: 100 })
    expect(set).toMatchObject({ metric: 'train_loss', etag: 'W/"v1"' })
    expect(set!.curves[0]).toEqual(body.trials[0])
    expect(
      await paged.curves('s1', { metric: 'train_loss', points: 100, etag: set!.etag }),
    ).toBeNull()
    expect(seen).toEqual([null, 'W/"v1"'])
  })

  it('refuses a curve off the contract and carries the server error', async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(
          JSON.stringify({
            metric: 'm',
            points: 1,
            since: null,
            trials: [
              { trial: 't', steps: [1], values: [], count: 1, downsampled: false, lastStep: 1 },
            ],
          }),
        ),
    )
    await expect(paged.curves('s', { metric: 'm', points: 1 })).rejects.toThrow(
      /1 steps but 0 values/,
    )
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify({ error: 'points must be between 1 and 5000', details: [] }), {
          status: 400,
        }),
    )
    const e = await paged.curves('s', { metric: 'm', points: 0 }).catch((x) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e.message).toContain('points')
  })
})
