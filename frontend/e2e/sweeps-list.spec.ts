import { expect, test } from '@playwright/test'
import { ended, submit, tinySweep } from './helpers'

test('the sweeps list: notes and tags edited in place, clone, archive and delete confirmed first', async ({
  page,
  request,
}) => {
  const id = await submit(request, tinySweep('e2e-list', 'lr: [0.01, 0.02]'))
  await page.goto('/')
  const row = page.locator(`[data-testid=sweep-row][data-sweep="${id}"]`)
  await expect(row).toBeVisible()
  await expect(row.locator('[data-col=created]')).not.toHaveText('–')
  // a running sweep cannot be deleted; cancelling asks first
  await expect(row.getByTestId('sweep-delete')).toBeDisabled()
  await row.getByTestId('sweep-cancel').click()
  await expect(page.getByTestId('confirm')).toContainText('Cancel sweep “e2e-list”')
  await page.getByTestId('confirm-yes').click()
  await expect(row.getByTestId('state')).toHaveText('cancelled')

  // notes and tags: typed in the row, stored on the server
  await row.getByTestId('notes-edit').click()
  await row.getByTestId('notes-input').fill('lr sweep, cancelled on purpose')
  await row.getByTestId('tags-input').fill('e2e, lr , e2e')
  await row.getByTestId('notes-save').click()
  await expect(row.getByTestId('notes-text')).toHaveText('lr sweep, cancelled on purpose')
  await expect(row.getByTestId('tag')).toHaveText(['e2e', 'lr'])
  const stored = await (await request.get(`/api/sweeps/${id}`)).json()
  expect(stored.notes).toBe('lr sweep, cancelled on purpose')
  expect(stored.tags).toEqual(['e2e', 'lr'])
  await page.reload()
  await expect(row.getByTestId('tag')).toHaveText(['e2e', 'lr'])

  // clone: the form starts from the stored sweep file
  await row.getByTestId('sweep-clone').click()
  await expect(page).toHaveURL(new RegExp(`/sweeps/new\\?from=${id}$`))
  await expect(page.getByTestId('field-name')).toHaveValue('e2e-list-copy')
  await expect(page.getByTestId('trial-count')).toHaveText('2')
  await expect(page.getByTestId('yaml-editor')).toHaveValue(/limitTrain: 64/)

  // archive: asked first, hidden from the list, back with "show archived"
  await page.goto('/')
  await row.getByTestId('sweep-archive').click()
  await page.getByTestId('confirm-no').click()
  await expect(row).toBeVisible()
  await row.getByTestId('sweep-archive').click()
  await page.getByTestId('confirm-yes').click()
  await expect(row).toHaveCount(0)
  await page.getByTestId('show-archived').check()
  await expect(row).toBeVisible()

  // delete: asked first, then the sweep and its trials are gone from the server
  await row.getByTestId('sweep-delete').click()
  await expect(page.getByTestId('confirm')).toContainText('2 trials')
  await page.getByTestId('confirm-yes').click()
  await expect(row).toHaveCount(0)
  expect((await request.get(`/api/sweeps/${id}`)).status()).toBe(404)
  expect((await request.get(`/api/trials/${id}-t000`)).status()).toBe(404)
})

test("the sweeps list names each sweep's best trial by the sweep's own objective", async ({
  page,
  request,
}) => {
  const yaml = `${tinySweep('e2e-objective', 'lr: [0.01, 0.05]')}objective: {metric: val_loss, mode: min}\n`
  const id = await submit(request, yaml)
  await ended(request, id)
  // the expected best, from the trials' documents: the lowest last-epoch validation loss
  const trials = (await (await request.get(`/api/sweeps/${id}/trials`)).json()) as {
    id: string
    state: string
    epochValues: Record<string, number> | null
  }[]
  const done = trials.filter((t) => t.state === 'completed' && t.epochValues?.val_loss != null)
  expect(done.length).toBeGreaterThan(0)
  const best = done.reduce((a, b) => (b.epochValues!.val_loss < a.epochValues!.val_loss ? b : a))
  await page.goto('/')
  const cell = page.locator(`[data-testid=sweep-row][data-sweep="${id}"] [data-col=best]`)
  await expect(cell.getByRole('link')).toHaveAttribute('href', `/trials/${best.id}`)
  await expect(cell.getByRole('link')).toHaveText(
    String(Number(best.epochValues!.val_loss.toPrecision(4))),
  )
  await expect(cell.locator('[data-col=objective]')).toContainText('(min)')
})
