// Keyboard navigation of the result grid, apart from the DOM so that it
// can be tested: rows are samples, columns analytes; a cell outside a
// sample's panel cannot be entered and is skipped.
export interface Pos {
  row: number
  col: number
}
export type Move = 'next' | 'prev' | 'up' | 'down' | 'left' | 'right'
export interface Shape {
  rows: number
  cols: number
  editable: (row: number, col: number) => boolean
}

// move answers where the cursor goes; it stays put when there is nowhere
// to go (never off the grid, never onto a cell that cannot be entered).
export function move(at: Pos, m: Move, g: Shape): Pos {
  switch (m) {
    case 'next':
    case 'prev': {
      // Reading order: right along the row, then the next row from its start.
      const step = m === 'next' ? 1 : -1
      for (let i = at.row * g.cols + at.col + step; i >= 0 && i < g.rows * g.cols; i += step) {
        const r = Math.floor(i / g.cols)
        const c = i % g.cols
        if (g.editable(r, c)) return { row: r, col: c }
      }
      return at
    }
    case 'left':
    case 'right': {
      const step = m === 'right' ? 1 : -1
      for (let c = at.col + step; c >= 0 && c < g.cols; c += step) if (g.editable(at.row, c)) return { row: at.row, col: c }
      return at
    }
    case 'up':
    case 'down': {
      const step = m === 'down' ? 1 : -1
      for (let r = at.row + step; r >= 0 && r < g.rows; r += step) if (g.editable(r, at.col)) return { row: r, col: at.col }
      return at
    }
  }
}

// keyMove maps a key in a cell to a move: Enter and Tab go on in reading
// order (with Shift back), the up and down arrows go up and down, and the
// left and right arrows leave the cell only from the edge of its text, so
// that they still move the caret inside a value being typed.
export function keyMove(key: string, shift: boolean, caretAtStart: boolean, caretAtEnd: boolean): Move | null {
  switch (key) {
    case 'Enter':
    case 'Tab':
      return shift ? 'prev' : 'next'
    case 'ArrowDown':
      return 'down'
    case 'ArrowUp':
      return 'up'
    case 'ArrowRight':
      return caretAtEnd ? 'right' : null
    case 'ArrowLeft':
      return caretAtStart ? 'left' : null
  }
  return null
}

// firstOpen is where a sample pulled up by its code starts: its first
// cell without a value, else its first cell.
export function firstOpen(row: number, g: Shape, filled: (row: number, col: number) => boolean): Pos | null {
  let first: Pos | null = null
  for (let c = 0; c < g.cols; c++) {
    if (!g.editable(row, c)) continue
    first ??= { row, col: c }
    if (!filled(row, c)) return { row, col: c }
  }
  return first
}
