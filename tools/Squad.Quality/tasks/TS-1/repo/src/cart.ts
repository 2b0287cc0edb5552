export interface Line {
  name: string;
  price: number;
  quantity: number;
}

export function total(lines: Line[]): number {
  let sum = 0;
  for (const line of lines) {
    sum += line.price;
  }
  return sum;
}
