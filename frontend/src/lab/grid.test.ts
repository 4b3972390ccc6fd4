import { describe, expect, it } from 'vitest'
import { firstOpen, keyMove, move, type Shape } from './grid'

// Three samples, four analyte columns; the middle sample's panel has no
// column 3 (NFPCP has no HSV, say), the last has no column 0.
const holes = new Set(['1,3', '2,0'])
const g: Shape = { rows: 3, cols: 4, editable: (r, c) => !holes.has(`${r},${c}`) }

describe('move', () => {
  it('goes right, then on to the start of the next row', () => {
    expect(move({ row: 0, col: 0 }, 'next', g)).toEqual({ row: 0, col: 1 })
    expect(move({ row: 0, col: 3 }, 'next', g)).toEqual({ row: 1, col: 0 })
  })
  it('skips cells outside a panel in reading order', () => {
    expect(move({ row: 1, col: 2 }, 'next', g)).toEqual({ row: 2, col: 1 })
    expect(move({ row: 2, col: 1 }, 'prev', g)).toEqual({ row: 1, col: 2 })
  })
  it('stays at the last and at the first cell', () => {
    expect(move({ row: 2, col: 3 }, 'next', g)).toEqual({ row: 2, col: 3 })
    expect(move({ row: 0, col: 0 }, 'prev', g)).toEqual({ row: 0, col: 0 })
  })
  it('moves up and down in the same column, over a hole', () => {
    expect(move({ row: 0, col: 1 }, 'down', g)).toEqual({ row: 1, col: 1 })
    expect(move({ row: 0, col: 3 }, 'down', g)).toEqual({ row: 2, col: 3 })
    expect(move({ row: 2, col: 3 }, 'up', g)).toEqual({ row: 0, col: 3 })
    expect(move({ row: 1, col: 0 }, 'down', g)).toEqual({ row: 1, col: 0 })
    expect(move({ row: 0, col: 2 }, 'up', g)).toEqual({ row: 0, col: 2 })
  })
  it('moves left and right within the row only', () => {
    expect(move({ row: 1, col: 2 }, 'right', g)).toEqual({ row: 1, col: 2 })
    expect(move({ row: 2, col: 1 }, 'left', g)).toEqual({ row: 2, col: 1 })
    expect(move({ row: 0, col: 1 }, 'left', g)).toEqual({ row: 0, col: 0 })
    expect(move({ row: 0, col: 1 }, 'right', g)).toEqual({ row: 0, col: 2 })
  })
  it('stays put on an empty grid', () => {
    expect(move({ row: 0, col: 0 }, 'next', { rows: 0, cols: 4, editable: () => true })).toEqual({ row: 0, col: 0 })
  })
})

describe('keyMove', () => {
  it('Enter and Tab go on, with Shift back', () => {
    expect(keyMove('Enter', false, false, true)).toBe('next')
    expect(keyMove('Tab', false, true, true)).toBe('next')
    expect(keyMove('Enter', true, false, false)).toBe('prev')
    expect(keyMove('Tab', true, false, false)).toBe('prev')
  })
  it('up and down arrows always move', () => {
    expect(keyMove('ArrowDown', false, false, false)).toBe('down')
    expect(keyMove('ArrowUp', false, false, false)).toBe('up')
  })
  it('left and right arrows move the caret until it is at the edge', () => {
    expect(keyMove('ArrowRight', false, false, false)).toBeNull()
    expect(keyMove('ArrowRight', false, false, true)).toBe('right')
    expect(keyMove('ArrowLeft', false, false, true)).toBeNull()
    expect(keyMove('ArrowLeft', false, true, false)).toBe('left')
  })
  it('other keys are typing', () => {
    expect(keyMove('5', false, true, true)).toBeNull()
    expect(keyMove('.', false, true, true)).toBeNull()
  })
})

describe('firstOpen', () => {
  it('is the first cell without a value', () => {
    expect(firstOpen(0, g, (_, c) => c < 2)).toEqual({ row: 0, col: 2 })
    expect(firstOpen(2, g, () => false)).toEqual({ row: 2, col: 1 })
  })
  it('is the first cell when every one has a value', () => {
    expect(firstOpen(1, g, () => true)).toEqual({ row: 1, col: 0 })
  })
})
