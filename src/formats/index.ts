/** Vietnamese display of points, money and dates (64,12 · 6.000.000 đ · dd/mm/yyyy). */
export * from './amount-in-words';
export * from './iso-date';
export * from './vietnamese';
