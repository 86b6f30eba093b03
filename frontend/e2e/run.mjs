#!/usr/bin/env node
// Runs the end-to-end tests against a real backend:
//   1. starts `java -jar backend/target/inception.jar serve` (INCEPTION_JAR overrides the jar) on a
//      free port with a fresh data directory,
//   2. waits for the API to answer (and has /api/models start computing its cost tables),
//   3. runs the Playwright specs of e2e/ with E2E_BASE_URL pointing at it,
//   4. kills the server by its PID and removes the data directory.
// The specs may restart the server (same port and data) through a control endpoint whose
// address is in E2E_CONTROL_URL.
// Extra arguments go to `playwright test` (e.g. a spec file or --grep).
import { spawn } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { createServer as createHttpServer } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const frontend = resolve(here, '..')
const repo = resolve(frontend, '..')
const jar = process.env.INCEPTION_JAR ?? join(repo, 'backend', 'target', 'inception.jar')
const outDir = join(here, '.out')

if (!existsSync(jar)) {
  console.error(
    `e2e: no backend jar at ${jar}; build it first (mvn -B -DskipTests package) or set INCEPTION_JAR`,
  )
  process.exit(2)
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.unref()
    s.on('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
  })
}

async function waitForServer(base, server, timeoutMs, path = '/api/models') {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`)
    try {
      const res = await fetch(`${base}${path}`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`server did not answer ${path} within ${timeoutMs / 1000}s`)
}

mkdirSync(outDir, { recursive: true })
const port = await freePort()
const dataDir = mkdtempSync(join(tmpdir(), 'inception-e2e-'))
const base = `http://127.0.0.1:${port}`
const log = createWriteStream(join(outDir, 'server.log'))
let server = null

function startServer() {
  const s = spawn(
    'java',
    ['-Dai.djl.offline=true', '-jar', jar, 'serve', '--port', String(port), '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  s.stdout.pipe(log, { end: false })
  s.stderr.pipe(log, { end: false })
  console.log(
    `e2e: server pid ${s.pid} on ${base}, data in ${dataDir}, log in ${join(outDir, 'server.log')}`,
  )
  return s
}

/** Stops the server by its PID: SIGTERM, then SIGKILL after 10 s. */
async function stopServer() {
  const s = server
  if (!s || s.exitCode !== null || s.signalCode !== null) return
  const exited = new Promise((ok) => s.once('exit', () => ok(true)))
  try {
    process.kill(s.pid, 'SIGTERM')
  } catch {
    return
  }
  if (!(await Promise.race([exited, new Promise((ok) => setTimeout(() => ok(false), 10_000))]))) {
    try {
      process.kill(s.pid, 'SIGKILL')
    } catch {
      // already gone
    }
    await exited
  }
}

// A control endpoint for the specs: POST /restart stops the server and starts it again on the
// same port and data directory (to test that the page reconnects and misses no point).
const control = createHttpServer(async (req, res) => {
  if (req.method === 'POST' && req.url === '/restart') {
    try {
      await stopServer()
      server = startServer()
      // the API is back once it answers; /api/models may still be computing its cost tables
      await waitForServer(base, server, 120_000, '/api/sweeps')
      res.writeHead(200).end('restarted\n')
    } catch (e) {
      res.writeHead(500).end(`${e.message}\n`)
    }
    return
  }
  res.writeHead(404).end()
})
const controlPort = await freePort()
await new Promise((ok) => control.listen(controlPort, '127.0.0.1', ok))

let interrupted = false
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    if (interrupted) return
    interrupted = true
    await stopServer()
    process.exit(sig === 'SIGINT' ? 130 : 143)
  })
}

let code = 1
try {
  server = startServer()
  await waitForServer(base, server, 120_000, '/api/sweeps')
  // /api/models answers once it has analysed every model of the zoo (cached afterwards): start
  // that now, while the first specs run, instead of holding them back
  fetch(`${base}/api/models`).catch(() => undefined)
  const index = await (await fetch(`${base}/`)).text()
  if (!index.includes('id="app"')) {
    throw new Error(
      `${jar} does not serve the dashboard at / (the backend needs inception-frontend on its classpath)`,
    )
  }
  console.log('e2e: server is up; running the specs')
  const pw = spawn(
    join(frontend, 'node_modules', '.bin', 'playwright'),
    ['test', ...process.argv.slice(2)],
    {
      cwd: frontend,
      stdio: 'inherit',
      env: {
        ...process.env,
        E2E_BASE_URL: base,
        E2E_REPO: repo,
        E2E_CONTROL_URL: `http://127.0.0.1:${controlPort}`,
      },
    },
  )
  code = await new Promise((ok) => pw.on('exit', (c) => ok(c ?? 1)))
} catch (e) {
  console.error(`e2e: ${e.message}`)
} finally {
  await stopServer()
  control.close()
  log.end()
  rmSync(dataDir, { recursive: true, force: true })
}
process.exit(code)
