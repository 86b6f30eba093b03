import { expect, test, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

const repo = process.env.E2E_REPO ?? resolve(__dirname, '..', '..')

const zoomOf = async (page: Page, graph = page.getByTestId('arch-graph').first()) =>
  Number(await graph.getByTestId('graph-viewport').getAttribute('data-zoom'))

async function openModels(page: Page) {
  test.setTimeout(300_000)
  await page.goto('/models')
  // the first /api/models analyses the whole zoo: slow on a busy machine, then cached
  await expect(page.getByTestId('zoo-row').first()).toBeVisible({ timeout: 240_000 })
}

test('the graph of inception-resnet-v2: modules by their cost-table names, zoom, pan, fit, search', async ({
  page,
  request,
}) => {
  await openModels(page)
  const cost = await (await request.get('/api/models/inception-resnet-v2')).json()
  // the modules of more than one layer, by the names of the cost table's blocks
  const sizes = new Map<string, number>()
  for (const n of cost.graph.nodes as { group: string | null }[])
    if (n.group) sizes.set(n.group, (sizes.get(n.group) ?? 0) + 1)
  const groups = [...sizes].filter(([, n]) => n > 1).map(([g]) => g)
  const blocks = (cost.blocks as { name: string }[]).map((b) => b.name)
  expect(groups.length).toBeGreaterThan(20)
  await page.getByTestId('graph-model').selectOption('inception-resnet-v2')
  const graph = page.getByTestId('arch-graph')
  await expect(graph).toHaveAttribute('data-model', 'inception-resnet-v2')
  // a large graph opens with its modules collapsed, each under its own name
  const modules = graph.getByTestId('graph-module')
  await expect(modules).toHaveCount(groups.length)
  const ids = await modules.evaluateAll((ms) => ms.map((m) => m.getAttribute('data-id')))
  expect(ids).toEqual(groups.map((g) => `module:${g}`))
  for (const g of groups) if (g !== 'input') expect(blocks.concat(['aux'])).toContain(g)
  expect(groups).toContain('mixed_5b')
  // fitted: the whole drawing in the box
  const fitted = await zoomOf(page)
  expect(fitted).toBeGreaterThan(0)
  const content = await graph.getByTestId('graph-content').boundingBox()
  const box = await graph.getByTestId('graph-viewport').boundingBox()
  expect(content!.height).toBeLessThanOrEqual(box!.height + 1)
  // the colour bar's numbers end at the largest share drawn
  await expect(graph.getByTestId('graph-colour-tick')).toHaveCount(5)
  await expect(graph.getByTestId('graph-colour-tick').first()).toHaveText('0.0%')

  // zoom in by button and wheel, fit again
  await graph.getByTestId('graph-zoom-in').click()
  expect(await zoomOf(page)).toBeCloseTo(fitted * 1.25, 4)
  await graph.getByTestId('graph-viewport').hover()
  await page.mouse.wheel(0, -400)
  await expect.poll(() => zoomOf(page)).toBeGreaterThan(fitted * 1.25)
  // keyboard: 0 fits, + zooms
  await graph.getByTestId('graph-viewport').focus()
  await page.keyboard.press('0')
  expect(await zoomOf(page)).toBeCloseTo(fitted, 4)
  await page.keyboard.press('+')
  expect(await zoomOf(page)).toBeCloseTo(fitted * 1.25, 4)
  // pan by dragging the background moves the drawing
  await graph.getByTestId('graph-viewport').scrollIntoViewIfNeeded()
  const vp = (await graph.getByTestId('graph-viewport').boundingBox())!
  const before = await graph.getByTestId('graph-content').boundingBox()
  await page.mouse.move(vp.x + 5, vp.y + vp.height / 2)
  await page.mouse.down()
  await page.mouse.move(vp.x + 205, vp.y + vp.height / 2 + 50, { steps: 5 })
  await page.mouse.up()
  const after = await graph.getByTestId('graph-content').boundingBox()
  expect(after!.x - before!.x).toBeCloseTo(200, 0)

  // a module expands into its layers, and collapses again by its name
  const layersBefore = await graph.getByTestId('graph-node').count()
  await graph.locator('[data-testid=graph-module][data-id="module:mixed_5b"]').click()
  await expect(graph.locator('[data-testid=graph-module-box][data-module=mixed_5b]')).toHaveCount(1)
  expect(await graph.getByTestId('graph-node').count()).toBeGreaterThan(layersBefore + 3)
  // search: a layer inside a collapsed module opens it and is centred
  await graph.getByTestId('graph-search').fill('mixed_7a')
  await expect(graph.getByTestId('graph-matches')).toContainText('1 of')
  await expect(graph.locator('[data-testid=graph-module-box][data-module=mixed_7a]')).toHaveCount(1)
  expect(await zoomOf(page)).toBeGreaterThanOrEqual(1)

  // another model starts fitted again (nothing kept of this one's zoom)
  await page.getByTestId('graph-model').selectOption('googlenet')
  await expect(graph).toHaveAttribute('data-model', 'googlenet')
  await expect(graph.getByTestId('graph-search')).toHaveValue('')
  const fresh = await zoomOf(page)
  expect(fresh).toBeLessThanOrEqual(1)
  await graph.getByTestId('graph-viewport').focus()
  await page.keyboard.press('0')
  expect(await zoomOf(page)).toBeCloseTo(fresh, 4)
})

test('two graphs side by side: naive-block beside reduced-block; the README’s inception-v4 graph', async ({
  page,
}) => {
  await openModels(page)
  await page.getByTestId('graph-model').selectOption('naive-block')
  await page.getByTestId('graph-compare').selectOption('reduced-block')
  const both = page.getByTestId('graph-side-by-side').getByTestId('arch-graph')
  await expect(both).toHaveCount(2)
  await expect(both.nth(0)).toHaveAttribute('data-model', 'naive-block')
  await expect(both.nth(1)).toHaveAttribute('data-model', 'reduced-block')
  await expect(both.nth(1).getByTestId('graph-node').first()).toBeVisible()

  await page.getByTestId('graph-compare').selectOption('')
  await page.getByTestId('graph-model').selectOption('inception-v4')
  const graph = page.getByTestId('arch-graph')
  await expect(graph).toHaveAttribute('data-model', 'inception-v4')
  await expect(graph.getByTestId('graph-module').first()).toBeVisible()
  // the README's picture: the modules collapsed, two of them open (an Inception-A and Reduction-A)
  for (const m of ['inception_a1', 'reduction_a'])
    await graph.locator(`[data-testid=graph-module][data-id="module:${m}"]`).click()
  await expect(graph.getByTestId('graph-module-box')).toHaveCount(2)
  await graph.getByTestId('graph-fit').click()
  mkdirSync(join(repo, 'docs'), { recursive: true })
  await graph.screenshot({ path: join(repo, 'docs', 'screenshot-graph-inception-v4.png') })
})
