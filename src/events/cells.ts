/**
 * Ride offers go to drivers by geo cell: a fixed grid of 0.02° × 0.02° cells (about 2.2 km north to
 * south, 1.7 km east to west at Lisbon's latitude). A cell is named by its south-west corner, both
 * coordinates floored to the grid and printed with two decimals: `38.72_-9.14`. Routing keys are
 * `offers.<cell>` (the dots in the name are topic words; keys are bound exactly, never by pattern).
 */
export const cellSizeDegrees = 0.02;

/** Grid steps are whole numbers, so float noise (38.72 / 0.02 = 1935.9999…) cannot shift a point into the neighbour cell. */
function step(degrees: number): number {
  return Math.floor(Math.round(degrees * 1e6) / (cellSizeDegrees * 1e6));
}

function cellName(latStep: number, lngStep: number): string {
  const format = (value: number): string => {
    const text = (value * cellSizeDegrees).toFixed(2);
    return text === '-0.00' ? '0.00' : text;
  };
  return `${format(latStep)}_${format(lngStep)}`;
}

/** The cell of a point, e.g. `cellOf(38.7223, -9.1393)` → `38.72_-9.14`. */
export function cellOf(lat: number, lng: number): string {
  return cellName(step(lat), step(lng));
}

/** The point's cell and its 8 neighbours (the cell first): a driver near a cell's edge still gets offers just across it. */
export function cellsNear(lat: number, lng: number): string[] {
  const latStep = step(lat);
  const lngStep = step(lng);
  const cells = [cellName(latStep, lngStep)];
  for (const dLat of [-1, 0, 1]) {
    for (const dLng of [-1, 0, 1]) {
      if (dLat !== 0 || dLng !== 0) cells.push(cellName(latStep + dLat, lngStep + dLng));
    }
  }
  return cells;
}
