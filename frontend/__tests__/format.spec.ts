import { describe, expect, it } from 'vitest'
import { formatMetric } from '@/lib/format'
import { chartChoices, defaultCharts } from '@/lib/charts'
import { toMetric } from '@/api/wire'
import { METRICS } from './fixtures'

const catalog = METRICS.map((m) => toMetric(m))
const unitOf = (name: string) => catalog.find((m) => m.name === name)?.unit

describe('formatMetric: values in the unit the metric catalog gives them', () => {
  it('shows fractions as percentages', () => {
    expect(unitOf('val_accuracy')).toBe('fraction')
    expect(formatMetric(0.8534, unitOf('val_accuracy'))).toBe('85.3%')
    expect(formatMetric(0.8534, unitOf('val_accuracy'), 'full')).toBe('85.34%')
    expect(formatMetric(1, 'fraction')).toBe('100.0%')
    expect(formatMetric(0.05, unitOf('val_top5'))).toBe('5.0%')
  })

  it('shows losses and learning rates as plain numbers, throughput with SI prefixes', () => {
    expect(formatMetric(1.23456, unitOf('train_loss'))).toBe('1.23')
    expect(formatMetric(1.23456, unitOf('train_loss'), 'full')).toBe('1.235')
    expect(formatMetric(0.00125, unitOf('lr'))).toBe('0.00125')
    expect(formatMetric(12_345, unitOf('images_per_sec'))).toBe('12.3K')
  })

  it('shows a missing value as a dash, and a value of no known unit as a number', () => {
    expect(formatMetric(null, 'fraction')).toBe('–')
    expect(formatMetric(Number.NaN, 'nats')).toBe('–')
    expect(formatMetric(0.5, undefined)).toBe('0.5')
  })
})

describe('the sweep page’s charts', () => {
  it('open with the main head’s loss beside the validation accuracy, aux loss or not', () => {
    expect(defaultCharts(catalog)).toEqual(['train_loss', 'val_accuracy'])
  })

  it('offer every catalog metric by its label, the aux and total losses among them', () => {
    const choices = chartChoices(catalog, ['train_loss', 'aux_loss', 'custom_metric'])
    expect(choices.find((c) => c.name === 'train_loss')!.label).toBe('train loss (main head)')
    expect(choices.find((c) => c.name === 'aux_loss')!.label).toBe('aux loss')
    expect(choices.find((c) => c.name === 'train_total_loss')!.label).toBe('total loss (optimised)')
    // a reported metric the catalog lacks is still a choice, by its name
    expect(choices[choices.length - 1]).toEqual({ name: 'custom_metric', label: 'custom_metric' })
    expect(choices).toHaveLength(METRICS.length + 1)
  })

  it('fall back to the catalog’s own metrics when it lacks the usual ones', () => {
    const other = catalog.filter((m) => m.name !== 'train_loss' && m.name !== 'val_accuracy')
    expect(defaultCharts(other)).toEqual(['aux_loss', 'val_top5'])
  })
})
