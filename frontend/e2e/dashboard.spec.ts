import { expect, test, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'

async function points(page: Page, testid: string): Promise<number> {
  return Number((await page.getByTestId(testid).getAttribute('data-points')) ?? '0')
}

test('the form checks values against the served parameters; the server’s errors land next to their field', async ({
  page,
}) => {
  await page.goto('/sweeps/new')
  // the served catalog's range: flagged before anything is sent, and the launch held
  await page.getByTestId('param-width-input').fill('-1')
  await expect(page.getByTestId('yaml-editor')).toHaveValue(/width: -1/)
  await expect(page.getByTestId('problem-parameters.width')).toContainText('width must be')
  await page.getByTestId('param-model-input').fill('googlenet, inception-v5')
  await expect(page.getByTestId('problem-parameters.model')).toContainText('inception-v5')
  await expect(page.getByTestId('launch')).toBeDisabled()
  // a schedule's form is the server's to check: it answers next to the field
  await page.getByTestId('param-width-input').fill('0.5')
  await page.getByTestId('param-model-input').fill('googlenet')
  await page.getByTestId('add-param').selectOption('schedule')
  await page.getByTestId('param-schedule-input').fill('step:x')
  await expect(page.getByTestId('launch')).toBeEnabled()
  await page.getByTestId('launch').click()
  await expect(page.getByTestId('param-schedule').locator('.field-error')).toContainText('schedule')
  await expect(page).toHaveURL(/\/sweeps\/new$/)
})

test('the New-sweep form lists the served datasets and starts at the served defaults', async ({
  page,
}) => {
  const datasets = (await (await page.request.get('/api/datasets')).json()) as {
    name: string
    shape: number[]
    classes: number
  }[]
  const parameters = (await (await page.request.get('/api/parameters')).json()) as {
    name: string
    default: unknown
    scope: string
  }[]
  expect(datasets.length).toBeGreaterThan(0)
  await page.goto('/sweeps/new')
  const options = page.getByTestId('field-dataset').locator('option')
  await expect(options).toHaveCount(datasets.length + 1)
  expect(await options.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([
    ...datasets.map((d) => d.name),
    'imagefolder:',
  ])
  const shapes = datasets.find((d) => d.name === 'synthetic-shapes')!
  await page.getByTestId('field-dataset').selectOption('synthetic-shapes')
  await expect(page.getByTestId('dataset-info')).toContainText(
    `${shapes.shape.join('×')} · ${shapes.classes} classes`,
  )
  const width = parameters.find((p) => p.name === 'width')!
  await expect(page.getByTestId('param-width-input')).toHaveValue(String(width.default))
  // the worker's parameters are not the sweep's to add
  const addable = await page
    .getByTestId('add-param')
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
  for (const p of parameters.filter((x) => x.scope === 'worker'))
    expect(addable).not.toContain(p.name)
})

test('a sweep made in the form trains live: curves grow, table and scatter fill, CSV exports', async ({
  page,
}) => {
  test.setTimeout(300_000)
  await page.goto('/sweeps/new')
  await page.getByTestId('field-name').fill('e2e-tiny')
  await page.getByTestId('field-dataset').selectOption('synthetic-shapes')
  await page.getByTestId('field-maxConcurrent').fill('2')
  await page.getByTestId('param-block-input').fill('naive, reduced')
  await page.getByTestId('param-auxWeight-input').fill('0.3')
  await page.getByTestId('param-width-input').fill('0.125')
  await page.getByTestId('param-lr-input').fill('0.01')
  await page.getByTestId('param-epochs-input').fill('2')
  await page.getByTestId('param-batchSize-input').fill('16')
  await page.getByTestId('add-param').selectOption('limitTrain')
  await page.getByTestId('param-limitTrain-input').fill('64')
  await page.getByTestId('add-param').selectOption('limitTest')
  await page.getByTestId('param-limitTest-input').fill('32')

  // the form wrote the YAML, and the YAML edits the form back
  const yaml = page.getByTestId('yaml-editor')
  await expect(yaml).toHaveValue(/dataset: synthetic-shapes/)
  await expect(yaml).toHaveValue(/limitTrain: 64/)
  await yaml.fill((await yaml.inputValue()).replace('name: e2e-tiny', 'name: e2e-tiny-sweep'))
  await expect(page.getByTestId('field-name')).toHaveValue('e2e-tiny-sweep')

  // 2 blocks × 1 aux weight: two trials, and their cost from the models API
  await expect(page.getByTestId('trial-count')).toHaveText('2')
  await expect(page.getByTestId('total-macs')).not.toHaveText('–')

  await page.getByTestId('launch').click()
  await expect(page).toHaveURL(/\/sweeps\/(?!new)[^/]+$/)
  await expect(page.getByTestId('sweep-detail')).toBeVisible()
  // the panels are labelled from /api/metrics: the main head's loss beside validation accuracy
  await expect(page.getByTestId('metric-select').locator('option:checked')).toHaveText(
    'train loss (main head)',
  )
  await expect(page.getByTestId('metric-select-second').locator('option:checked')).toHaveText(
    'validation accuracy',
  )

  // curves grow while the trials run (points arrive over the event stream)
  await expect.poll(() => points(page, 'curve-main'), { timeout: 120_000 }).toBeGreaterThan(0)
  const first = await points(page, 'curve-main')
  const states = page.getByTestId('results-row').getByTestId('state')
  await expect
    .poll(
      async () =>
        (await points(page, 'curve-main')) > first ||
        (await states.allTextContents()).every((s) => s === 'completed'),
      {
        timeout: 120_000,
      },
    )
    .toBe(true)

  // the server restarts mid-sweep: the page reconnects by itself (resuming with Last-Event-ID or
  // reloading when the server cannot replay), and at the end it holds every stored point
  const control = process.env.E2E_CONTROL_URL
  if (control) {
    const res = await page.request.post(`${control}/restart`, { timeout: 150_000 })
    expect(res.ok()).toBe(true)
    await expect(page.getByTestId('live-state')).toContainText('reconnected', { timeout: 30_000 })
  }

  // the chart controls work on the same data
  await page.getByTestId('smoothing').fill('0.9')
  await page.getByTestId('log-scale').check()
  await expect.poll(() => points(page, 'curve-main')).toBeGreaterThan(0)

  // the table and the scatter fill as trials finish
  await expect(page.getByTestId('results-row')).toHaveCount(2)
  await expect
    .poll(async () => (await states.allTextContents()).filter((s) => s === 'completed').length, {
      timeout: 150_000,
    })
    .toBe(2)
  await expect(page.getByTestId('scatter-point')).toHaveCount(2, { timeout: 30_000 })
  await expect(page.getByTestId('pc-line')).toHaveCount(2)

  // click-highlight: a scatter point highlights its table row
  await page.getByTestId('scatter-point').first().click()
  await expect(page.locator('[data-testid=results-row].highlighted')).toHaveCount(1)

  // sortable table
  await page.getByTestId('sort-block').click()
  await expect(page.getByTestId('results-row').first()).toContainText('naive')

  // no point missed: the page holds exactly the train_loss points the server stored
  const ids = await page.getByTestId('results-row').locator('a').allTextContents()
  let stored = 0
  for (const id of ids) {
    const pts = (await (await page.request.get(`/api/trials/${id}/metrics`)).json()) as {
      name: string
    }[]
    stored += pts.filter((p) => p.name === 'train_loss').length
  }
  expect(stored).toBeGreaterThan(0)
  await expect.poll(() => points(page, 'curve-main')).toBe(stored)

  // every finished trial's outcome reaches the table
  await expect
    .poll(
      async () =>
        (await page.locator('td[data-col=testAccuracy]').allTextContents()).filter((t) => t === '–')
          .length,
      {
        timeout: 30_000,
      },
    )
    .toBe(0)

  // (the README's screenshot of the sweep page, grouped by block, is taken in curves.spec.ts)

  // CSV export: one header line and a row per trial
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ])
  const csv = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split(/\r?\n/)
  expect(csv).toHaveLength(3)
  expect(csv[0]).toMatch(/state/)
  expect(csv.slice(1).join('\n')).toMatch(/completed/)

  await page.getByTestId('metric-select').selectOption('val_accuracy')
  await expect.poll(() => points(page, 'curve-main')).toBeGreaterThan(0)

  // a trial's page lists its attempts: the last one completed, on a worker's device, with the
  // tail of its log and a link to the whole log
  const trialId = ids[0]!
  await page.goto(`/trials/${trialId}`)
  const rows = page.getByTestId('attempt-row')
  await expect(rows.first()).toBeVisible()
  const last = rows.last()
  await expect(last.locator('[data-col=outcome]')).toHaveText('completed')
  await expect(last.locator('[data-col=worker]')).not.toHaveText('–')
  await expect(last.locator('[data-col=device]')).not.toHaveText('–')
  await expect(last.locator('[data-col=ended]')).not.toHaveText('–')
  const n = Number(await last.getAttribute('data-attempt'))
  const tails = page.getByTestId('attempt-log-tail')
  await expect(tails.last()).not.toBeEmpty()
  const link = page.getByTestId('attempt-log-link').last()
  await expect(link).toHaveAttribute('href', `/api/trials/${trialId}/log?attempt=${n}`)
  const logRes = await page.request.get((await link.getAttribute('href'))!)
  expect(logRes.ok()).toBe(true)
  const whole = await logRes.text()
  // the tail is the end of the whole log
  expect(whole.trimEnd().endsWith(((await tails.last().textContent()) ?? '').trimEnd())).toBe(true)
})

test('the models page shows the zoo, the four blocks and an architecture graph', async ({
  page,
}) => {
  test.setTimeout(240_000)
  await page.goto('/models')
  // the first /api/models analyses every model of the zoo: slow on a busy machine, then cached
  const zoo = (await (await page.request.get('/api/models')).json()) as unknown[]
  await expect(page.getByTestId('zoo-row')).toHaveCount(zoo.length, { timeout: 200_000 })
  await expect(page.getByTestId('block-naive-block').getByTestId('block-macs')).toHaveText('854M')
  await expect(page.getByTestId('block-reduced-block').getByTestId('block-macs')).toHaveText('271M')
  await expect(page.getByTestId('block-v2-block').getByTestId('block-macs')).toHaveText('259M')
  // 1×1/3×3/5×5 on the 256 input channels and the pool projection: 867,041,280 MACs
  await expect(
    page.getByTestId('block-naive-projected-block').getByTestId('block-macs'),
  ).toHaveText('867M')
  await expect(page.getByTestId('block-naive-block').getByTestId('branch')).toHaveCount(4)
  await expect.poll(() => page.getByTestId('graph-node').count()).toBeGreaterThan(20)
})

test('the workers page lists the embedded worker', async ({ page }) => {
  await page.goto('/workers')
  await expect(page.getByTestId('worker-row').first()).toBeVisible()
})
