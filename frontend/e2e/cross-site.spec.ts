import { expect, test, type Request } from '@playwright/test'
import { createServer, type Server } from 'node:http'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

// A page of another origin (a second server on another loopback port) tries to use the local
// server: a no-cors fetch POST, a text/plain form whose one field forms a JSON sweep, and an <img>
// of an expensive cost query. The browser sends them all; the server must refuse them all.

const base = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080'
// e2e/run.mjs writes the server's output here
const serverLog = fileURLToPath(new URL('.out/server.log', import.meta.url))
const sweep = { name: 'cross-site', parameters: { model: 'googlenet', epochs: 1 } }
// text/plain forms send `name=value`: this name and value make `{..., "pad": "="}`
const formName = JSON.stringify({ ...sweep, pad: '' }).slice(0, -2)
const formValue = '"}'
const costQuery = '/api/models/inception-resnet-v2?width=3.99&input=3x4096x4096&classes=99999'

function attackPage(): string {
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;')
  return `<!doctype html><title>elsewhere</title>
<form id="f" method="post" enctype="text/plain" action="${base}/api/sweeps" target="sink">
  <input name='${attr(formName)}' value='${attr(formValue)}'>
</form>
<iframe name="sink"></iframe>
<img src="${base}${costQuery}">
<script>
  fetch('${base}/api/sweeps', { method: 'POST', mode: 'no-cors', body: ${JSON.stringify(JSON.stringify(sweep))} })
  document.getElementById('f').submit()
</script>`
}

let attacker: Server
let attackerUrl = ''

test.beforeAll(async () => {
  attacker = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(attackPage())
  })
  await new Promise<void>((ok) => attacker.listen(0, '127.0.0.1', ok))
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`
})

test.afterAll(async () => {
  await new Promise((ok) => attacker.close(ok))
})

test('a page of another origin can neither create a sweep nor run a cost query', async ({
  page,
  request,
}) => {
  const before = await (await request.get(`${base}/api/sweeps`)).json()
  const sent: Request[] = []
  page.on('request', (r) => {
    if (r.url().startsWith(`${base}/api/`)) sent.push(r)
  })
  await page.goto(attackerUrl)
  await expect.poll(() => sent.length, { timeout: 30_000 }).toBe(3)
  const posts = sent.filter((r) => r.method() === 'POST')
  expect(posts).toHaveLength(2)
  for (const p of posts) expect((await p.response())?.status()).toBe(403)
  // both bodies are the JSON sweep, sent as text/plain: the fetch's as it is, the form's as
  // name=value
  const form = posts.find((p) => p.resourceType() === 'document')
  const fetched = posts.find((p) => p.resourceType() === 'fetch')
  expect(fetched?.headers()['content-type']).toMatch(/^text\/plain/)
  expect(fetched?.postData()).toBe(JSON.stringify(sweep))
  expect(form?.headers()['content-type']).toMatch(/^text\/plain/)
  expect(form?.postData()?.trim()).toBe(`${formName}=${formValue}`)
  // Chromium hides the image's answer (opaque-response blocking) and the headers it sent: the
  // server's log says what it did with the request
  expect(sent.find((r) => r.url().includes('/api/models/'))?.failure()?.errorText).toBe(
    'net::ERR_BLOCKED_BY_ORB',
  )
  await expect
    .poll(() => readFileSync(serverLog, 'utf8'), { timeout: 10_000 })
    .toMatch(/refused GET \/api\/models\/inception-resnet-v2: 403 cross-site requests are refused/)
  const after = await (await request.get(`${base}/api/sweeps`)).json()
  expect(after).toHaveLength(before.length)
  expect(JSON.stringify(after)).not.toContain('cross-site')
})

test('the dashboard’s own origin still passes: its POST reaches validation', async ({ page }) => {
  await page.goto(`${base}/`)
  const answer = await page.evaluate(async () => {
    const r = await fetch('/api/sweeps', {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: 'name: same-origin\nparameters:\n  model: inception-v5\n',
    })
    return { status: r.status, body: await r.json() }
  })
  expect(answer.status).toBe(400)
  expect(JSON.stringify(answer.body)).toContain('inception-v5')
  const cost = await page.evaluate(async (q) => (await fetch(q)).status, costQuery)
  expect(cost).toBe(200)
})
