/**
 * The dashboard's one live-data stream: Server-Sent Events read with `fetch` so that every
 * reconnection (after a network error or a server restart) sends `Last-Event-ID` and the server
 * resumes where the page stopped. Incoming messages are collected and handed to the sink at most
 * once per animation frame, so a burst of events costs one store update and one redraw.
 */
import { toStreamBatch, WireError } from '@/api/wire'
import type { StreamBatch } from '@/api/types'

/** One parsed SSE message. */
export interface SseMessage {
  id: string | null
  event: string
  data: string
}

/**
 * Incremental parser of the `text/event-stream` format (WHATWG HTML §9.2.6): feed it chunks as
 * they arrive, get back the complete messages. Comments and unknown fields are skipped.
 */
export class SseParser {
  private buffer = ''
  private data: string[] = []
  private event = ''
  /** The last id seen, kept across messages as the spec's "last event ID buffer". */
  lastId: string | null = null

  feed(chunk: string): SseMessage[] {
    this.buffer += chunk
    const out: SseMessage[] = []
    let nl: number
    while ((nl = this.nextLineEnd()) >= 0) {
      let line = this.buffer.slice(0, nl)
      const crlf = this.buffer[nl] === '\r' && this.buffer[nl + 1] === '\n'
      this.buffer = this.buffer.slice(nl + (crlf ? 2 : 1))
      if (line.endsWith('\r')) line = line.slice(0, -1)
      if (line === '') {
        if (this.data.length > 0) {
          out.push({ id: this.lastId, event: this.event || 'message', data: this.data.join('\n') })
        }
        this.data = []
        this.event = ''
        continue
      }
      if (line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon < 0 ? line : line.slice(0, colon)
      let value = colon < 0 ? '' : line.slice(colon + 1)
      if (value.startsWith(' ')) value = value.slice(1)
      if (field === 'data') this.data.push(value)
      else if (field === 'event') this.event = value
      else if (field === 'id' && !value.includes('\0')) {
        this.lastId = value
      }
    }
    return out
  }

  private nextLineEnd(): number {
    const n = this.buffer.indexOf('\n')
    const r = this.buffer.indexOf('\r')
    if (r >= 0 && (n < 0 || r < n)) {
      // a lone CR ends a line only when we know the next character is not LF
      if (r === this.buffer.length - 1) return n
      return r
    }
    return n
  }
}

export type StreamState = 'connecting' | 'open' | 'closed'

export interface StreamOptions {
  /** Called with every batch collected since the last call (in arrival order). */
  onBatches: (batches: StreamBatch[]) => void
  onState?: (state: StreamState, error?: string) => void
  /** The server could not resume (it no longer holds the missed events): reload from the API. */
  onReset?: () => void
  /** A message off the API contract (skipped): what is wrong with it. */
  onError?: (message: string) => void
  /** Extra request headers (authorization). */
  headers?: Record<string, string>
  /** The id to resume after, e.g. from an earlier connection. */
  lastEventId?: string | null
  fetchImpl?: typeof fetch
  /** Schedules a flush; defaults to requestAnimationFrame (or a 16 ms timer without one). */
  schedule?: (cb: () => void) => void
  /** Backoff between reconnections, in ms. */
  retryDelays?: number[]
}

export interface StreamHandle {
  close(): void
  lastEventId(): string | null
}

function defaultSchedule(cb: () => void) {
  if (
    typeof requestAnimationFrame === 'function' &&
    typeof document !== 'undefined' &&
    !document.hidden
  ) {
    requestAnimationFrame(() => cb())
  } else {
    setTimeout(cb, 16)
  }
}

/** Opens the stream at `url` and keeps it open (reconnecting) until `close()`. */
export function openStream(url: string, opts: StreamOptions): StreamHandle {
  const doFetch = opts.fetchImpl ?? fetch.bind(globalThis)
  const schedule = opts.schedule ?? defaultSchedule
  const delays = opts.retryDelays ?? [500, 1000, 2000, 4000, 8000]
  let lastId: string | null = opts.lastEventId ?? null
  let closed = false
  let failures = 0
  let controller: AbortController | null = null
  let pending: StreamBatch[] = []
  let flushScheduled = false

  const flush = () => {
    flushScheduled = false
    if (closed || pending.length === 0) return
    const batches = pending
    pending = []
    opts.onBatches(batches)
  }

  const deliver = (msg: SseMessage) => {
    if (msg.event === 'reset') {
      flush()
      opts.onReset?.()
      return
    }
    if (msg.event !== 'batch' && msg.event !== 'message') return
    let data: unknown
    try {
      data = JSON.parse(msg.data)
    } catch {
      return
    }
    const id = msg.id !== null && msg.id !== '' ? Number(msg.id) : null
    try {
      pending.push(toStreamBatch(Number.isFinite(id) ? id : null, data))
    } catch (e) {
      if (!(e instanceof WireError)) throw e
      opts.onError?.(`event ${msg.id ?? '?'} is off the API contract: ${e.message}`)
      return
    }
    if (!flushScheduled) {
      flushScheduled = true
      schedule(flush)
    }
  }

  const connect = async () => {
    while (!closed) {
      opts.onState?.('connecting')
      controller = new AbortController()
      const headers: Record<string, string> = { Accept: 'text/event-stream', ...opts.headers }
      if (lastId !== null) headers['Last-Event-ID'] = lastId
      let error: string | undefined
      try {
        const res = await doFetch(url, { headers, signal: controller.signal, cache: 'no-store' })
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`)
        opts.onState?.('open')
        failures = 0
        const parser = new SseParser()
        parser.lastId = lastId
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          for (const msg of parser.feed(value)) deliver(msg)
          lastId = parser.lastId
        }
        error = 'stream ended'
      } catch (e) {
        if (closed) break
        error = (e as Error).message
      }
      if (closed) break
      opts.onState?.('connecting', error)
      const delay = delays[Math.min(failures, delays.length - 1)] ?? 1000
      failures++
      await new Promise((r) => setTimeout(r, delay))
    }
    opts.onState?.('closed')
  }
  void connect()

  return {
    close() {
      closed = true
      controller?.abort()
    },
    lastEventId: () => lastId,
  }
}
