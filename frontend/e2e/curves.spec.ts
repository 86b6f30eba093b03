import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * The sweep page's curves and comparisons against a real backend training tiny trials: the
 * tooltip's values at a step are the API's points, group-by's mean and spread are computed here
 * again from the API's points, the optimisation history follows the trials' outcomes, a forced
 * failure (a learning rate that diverges) is explained on the page, and trials of two sweeps are
 * compared. The README's screenshot (the sweep page grouped by block) is taken here.
 */

const repo = process.env.E2E_REPO ?? resolve(__dirname, '..', '..')

interface Point {
  name: string
  step: number
  value: number | null
}
interface TrialDoc {
  id: string
  state: string
  parameters: Record<string, unknown>
  bestValAccuracy: number | null
  finished: string | null
  prunedAtRung: number | null
  error: string | null
}

const TINY = `  model: googlenet
  width: 0.125
  auxWeight: 0.3
  epochs: 3
  batchSize: 16
  limitTrain: 96
  limitTest: 32`

async function submit(request: APIRequestContext, yaml: string): Promise<string> {
  const res = await request.post('/api/sweeps', {
    data: yaml,
    headers: { 'Content-Type': 'application/yaml' },
  })
  expect(res.status(), await res.text()).toBe(201)
  return ((await res.json()) as { id: string }).id
}

async function finished(request: APIRequestContext, id: string, timeout: number) {
  await expect
    .poll(
      async () =>
        ((await (await request.get(`/api/sweeps/${id}`)).json()) as { state: string }).state,
      { timeout, intervals: [2000] },
    )
    .toMatch(/^(completed|failed|cancelled)$/)
}

async function trialsOf(request: APIRequestContext, id: string): Promise<TrialDoc[]> {
  return (await (await request.get(`/api/sweeps/${id}/trials`)).json()) as TrialDoc[]
}

async function pointsOf(request: APIRequestContext, trial: string, name: string) {
  const all = (await (await request.get(`/api/trials/${trial}/metrics`)).json()) as Point[]
  return all.filter((p) => p.name === name && p.value !== null) as (Point & { value: number })[]
}

/** Equal up to float32 rounding (the bulk endpoint sends values at float32 precision). */
function close(a: number, b: number) {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.abs(b) + 1e-9)
}

async function hover(page: Page, testid: string, fraction: number) {
  const over = page.getByTestId(testid).locator('.u-over')
  const box = (await over.boundingBox())!
  await page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2)
  await expect(page.getByTestId(testid).getByTestId('curve-tooltip')).toBeVisible()
}

let sweepA = ''
let sweepB = ''

test.describe.configure({ mode: 'serial' })

test('trials of two sweeps train: one over block and seed, one whose learning rate diverges', async ({
  request,
}) => {
  test.setTimeout(600_000)
  sweepA = await submit(
    request,
    `name: e2e-curves
dataset: synthetic-shapes
method: grid
maxConcurrent: 2
parameters:
  block: [naive, reduced]
  seed: [1, 2]
  lr: 0.01
${TINY}
earlyStopping: {type: asha, metric: val_accuracy, mode: max, gracePeriod: 1, reductionFactor: 2}
`,
  )
  sweepB = await submit(
    request,
    `name: e2e-diverges
dataset: synthetic-shapes
method: grid
maxConcurrent: 1
parameters:
  block: reduced
  seed: 3
  lr: 1000
  gradClip: 0
${TINY}
`,
  )
  await finished(request, sweepA, 540_000)
  await finished(request, sweepB, 120_000)
})

test('the tooltip lists every trial’s point at the hovered step, as the API stores it', async ({
  page,
  request,
}) => {
  const trials = await trialsOf(request, sweepA)
  expect(trials).toHaveLength(4)
  const points = new Map<string, Map<number, number>>()
  let stored = 0
  for (const t of trials) {
    const ps = await pointsOf(request, t.id, 'train_loss')
    stored += ps.length
    points.set(t.id, new Map(ps.map((p) => [p.step, p.value])))
  }
  await page.goto(`/sweeps/${sweepA}`)
  // the panels open from the catalog: main loss, validation accuracy, aux loss (the trials report
  // it), learning rate
  await expect(page.getByTestId('panel')).toHaveCount(4)
  await expect(page.getByTestId('metric-select')).toHaveValue('train_loss')
  await expect(page.getByTestId('metric-select-second')).toHaveValue('val_accuracy')
  await expect(page.getByTestId('curve-2')).toHaveAttribute('data-metric', 'aux_loss')
  await expect(page.getByTestId('curve-3')).toHaveAttribute('data-metric', 'lr')
  await expect(page.getByTestId('legend-row')).toHaveCount(4)
  await expect
    .poll(async () => Number(await page.getByTestId('curve-main').getAttribute('data-points')))
    .toBe(stored)

  await page.getByTestId('smoothing').fill('0')
  // within the first epoch, where every trial (pruned or not) has its points
  for (const fraction of [0.1, 0.22]) {
    await hover(page, 'curve-main', fraction)
    const tip = page.getByTestId('curve-main').getByTestId('curve-tooltip')
    const step = Number(await tip.getAttribute('data-x'))
    const rows = tip.getByTestId('tooltip-row')
    // every trial logs the same steps: all four are listed at the snapped step
    await expect(rows).toHaveCount(4)
    for (const row of await rows.all()) {
      const trial = (await row.getAttribute('data-trial'))!
      expect(Number(await row.getAttribute('data-step'))).toBe(step)
      const api = points.get(trial)!.get(step)
      expect(api, `${trial} has a point at step ${step}`).toBeDefined()
      close(Number(await row.getAttribute('data-value')), api!)
    }
  }
  // accuracy stays within [0, 100%]
  const labels = await page.getByTestId('curve-second').locator('.u-axis').last().innerText()
  for (const l of labels.split('\n').filter((s) => s.trim()))
    expect(Number(l.replace('%', ''))).toBeGreaterThanOrEqual(0)
})

test('grouped by block: each group’s mean and min–max at a step are the API’s points averaged', async ({
  page,
  request,
}) => {
  const trials = await trialsOf(request, sweepA)
  const byBlock = new Map<string, TrialDoc[]>()
  for (const t of trials) {
    const b = String(t.parameters.block)
    byBlock.set(b, [...(byBlock.get(b) ?? []), t])
  }
  await page.goto(`/sweeps/${sweepA}`)
  await page.getByTestId('smoothing').fill('0')
  await page.getByTestId('group-by').selectOption('block')
  await expect(page.getByTestId('legend-group')).toHaveCount(2)
  await hover(page, 'curve-main', 0.2)
  const tip = page.getByTestId('curve-main').getByTestId('curve-tooltip')
  const step = Number(await tip.getAttribute('data-x'))
  const groups = tip.getByTestId('tooltip-group')
  await expect(groups).toHaveCount(2)
  for (const g of await groups.all()) {
    const block = (await g.getAttribute('data-group'))!.replace('block=', '')
    const values: number[] = []
    for (const t of byBlock.get(block)!) {
      const p = (await pointsOf(request, t.id, 'train_loss')).find((x) => x.step === step)
      if (p) values.push(p.value)
    }
    expect(values).toHaveLength(2)
    close(Number(await g.getAttribute('data-mean')), (values[0]! + values[1]!) / 2)
    close(Number(await g.getAttribute('data-lo')), Math.min(...values))
    close(Number(await g.getAttribute('data-hi')), Math.max(...values))
    expect(await g.getAttribute('data-n')).toBe('2')
  }
  // ± one standard deviation (population) instead of the range
  await page.getByTestId('group-spread').selectOption('std')
  await hover(page, 'curve-main', 0.2)
  const g0 = tip.getByTestId('tooltip-group').first()
  const mean = Number(await g0.getAttribute('data-mean'))
  const lo = Number(await g0.getAttribute('data-lo'))
  const hi = Number(await g0.getAttribute('data-hi'))
  close(hi - mean, mean - lo)

  // the README's screenshot: the sweep page grouped by block, light smoothing, the pointer away
  await page.getByTestId('group-spread').selectOption('minmax')
  await page.getByTestId('smoothing').fill('0.3')
  await page.mouse.move(0, 0)
  const shot = join(repo, 'docs', 'screenshot-sweep-detail.png')
  mkdirSync(join(repo, 'docs'), { recursive: true })
  await page.screenshot({ path: shot, fullPage: true })
})

test('the grouped results table: per block, the mean test accuracy of the API’s results', async ({
  page,
  request,
}) => {
  const rows = (await (await request.get(`/api/sweeps/${sweepA}/results`)).json()) as {
    parameters: Record<string, unknown>
    testAccuracy: number | null
  }[]
  await page.goto(`/sweeps/${sweepA}`)
  await page.getByTestId('grouped-by').selectOption('block')
  const table = page.getByTestId('grouped-results')
  for (const block of ['naive', 'reduced']) {
    const values = rows
      .filter((r) => r.parameters.block === block && r.testAccuracy !== null)
      .map((r) => r.testAccuracy!)
    const cell = table.locator(`tr[data-group="${block}"] td[data-outcome="testAccuracy"]`)
    expect(Number(await cell.getAttribute('data-n'))).toBe(values.length)
    if (values.length) {
      close(
        Number(await cell.getAttribute('data-mean')),
        values.reduce((a, b) => a + b, 0) / values.length,
      )
    }
  }
})

test('the optimisation history shows every finished trial and the best value so far', async ({
  page,
  request,
}) => {
  const all = await trialsOf(request, sweepA)
  const ended = all.filter((t) => t.state === 'completed' || t.state === 'pruned')
  // a trial's objective: its best validation accuracy (from its points where the trial has none)
  const value = new Map<string, number>()
  for (const t of ended) {
    const acc = (await pointsOf(request, t.id, 'val_accuracy')).map((p) => p.value)
    const v = t.bestValAccuracy ?? (acc.length ? Math.max(...acc) : null)
    if (v !== null) value.set(t.id, v)
  }
  const trials = ended.filter((t) => value.has(t.id))
  trials.sort(
    (a, b) =>
      Date.parse(a.finished!) - Date.parse(b.finished!) ||
      a.id.localeCompare(b.id, undefined, { numeric: true }),
  )
  await page.goto(`/sweeps/${sweepA}`)
  const points = page.getByTestId('history-point')
  await expect(points).toHaveCount(trials.length)
  let best: number | null = null
  for (let i = 0; i < trials.length; i++) {
    const t = trials[i]!
    const v = value.get(t.id)!
    const p = points.nth(i)
    await expect(p).toHaveAttribute('data-trial', t.id)
    close(Number(await p.getAttribute('data-value')), v)
    if (t.state === 'completed' && (best === null || v > best)) best = v
    if (best !== null) close(Number(await p.getAttribute('data-best')), best)
    if (t.state === 'pruned') await expect(p).toHaveAttribute('data-rung', String(t.prunedAtRung))
  }
  // progress: failed and cancelled trials are not "done"
  await expect(page.getByTestId('progress-done')).toHaveText(String(ended.length))
})

test('a failed sweep says why on its page', async ({ page, request }) => {
  const [trial] = await trialsOf(request, sweepB)
  expect(trial!.state).toBe('failed')
  expect(trial!.error).toBeTruthy()
  await page.goto(`/sweeps/${sweepB}`)
  await expect(page.getByTestId('sweep-state')).toHaveText('failed')
  const trace = page.getByTestId('failure-trace')
  await expect(trace).toContainText('This sweep failed')
  await expect(trace.getByTestId('failure-error')).toHaveText(trial!.error!)
  await expect(page.getByTestId('progress-done')).toHaveText('0')
})

test('trials of two sweeps compared: curves overlaid, configurations side by side', async ({
  page,
  request,
}) => {
  const [a] = await trialsOf(request, sweepA)
  const [b] = await trialsOf(request, sweepB)
  await page.goto(`/sweeps/${sweepA}`)
  await page
    .locator(`[data-testid=legend-row][data-trial="${a!.id}"]`)
    .getByTestId('legend-select')
    .check()
  await page.getByTestId('compare-selected').click()
  await expect(page).toHaveURL(new RegExp(`/compare\\?trials=${a!.id}$`))
  // add the diverged trial of the other sweep
  await page.getByTestId('compare-sweep').selectOption(sweepB)
  await page.locator(`[data-testid=compare-pick][data-trial="${b!.id}"] input`).check()
  await expect(page.getByTestId('compare-col')).toHaveCount(2)
  const row = (name: string) => page.locator(`[data-testid=compare-row][data-name="${name}"]`)
  await expect(row('sweep')).toHaveAttribute('data-diff', 'true')
  await expect(row('lr')).toHaveAttribute('data-diff', 'true')
  await expect(row('lr').locator('td')).toHaveText(['0.01', '1000'])
  await expect(row('width')).toHaveAttribute('data-diff', 'false')
  // both trials' stored losses are drawn in the same panel
  const stored =
    (await pointsOf(request, a!.id, 'train_loss')).length +
    (await pointsOf(request, b!.id, 'train_loss')).length
  await expect
    .poll(async () => Number(await page.getByTestId('curve-main').getAttribute('data-points')))
    .toBe(stored)
  await expect(page.getByTestId('legend-row')).toHaveCount(2)
})
