/** The context of the bench's order email. */
export interface OrderContext {
  customer: { name: string };
  order: {
    id: string;
    shippedOn: string;
    carrier: string;
    total: string;
    trackingUrl: string;
    items: Array<{ name: string; quantity: number; price: string }>;
  };
}

/** A typical order: five lines. */
export const ORDER: OrderContext = {
  customer: { name: '张三' },
  order: {
    id: 'A-20261201-0017',
    shippedOn: '2026-12-01',
    carrier: 'SF Express',
    total: '¥1,288.00',
    trackingUrl: 'https://example.com/track/A-20261201-0017',
    items: [
      { name: '机械键盘 Mechanical keyboard', quantity: 1, price: '¥699.00' },
      { name: 'USB-C cable 2 m', quantity: 2, price: '¥58.00' },
      { name: '显示器支架 Monitor arm', quantity: 1, price: '¥399.00' },
      { name: 'Desk mat', quantity: 1, price: '¥74.00' },
      { name: '清洁套装 Cleaning kit', quantity: 1, price: '¥58.00' },
    ],
  },
};
