// The bench's order email as a React Email component (createElement, so that the bench needs no JSX transform).
import { createElement as h } from 'react';
import type { OrderContext } from './order-context.js';

const cell = { borderBottom: '1px solid #eeeeee', padding: '8px' };

/** The same order email as the Handlebars and MJML templates of the bench. */
export function OrderEmail({ customer, order }: OrderContext) {
  return h(
    'html',
    null,
    h(
      'body',
      { style: { fontFamily: 'Helvetica, Arial, sans-serif', color: '#333333' } },
      h('h1', { style: { color: '#d33', fontSize: '22px' } }, `尊敬的 ${customer.name}，您的订单 ${order.id} 已发货`),
      h(
        'p',
        null,
        `Thank you for shopping with us. Your parcel left our warehouse on ${order.shippedOn} with ${order.carrier}.`,
      ),
      h(
        'table',
        { style: { borderCollapse: 'collapse', width: '100%' } },
        h(
          'tbody',
          null,
          order.items.map((item) =>
            h(
              'tr',
              { key: item.name },
              h('td', { style: cell }, item.name),
              h('td', { style: cell }, item.quantity),
              h('td', { style: { ...cell, textAlign: 'right', fontWeight: 'bold' } }, item.price),
            ),
          ),
        ),
      ),
      h('p', { style: { fontWeight: 'bold', textAlign: 'right' } }, `Total: ${order.total}`),
      h('p', null, 'Track it at ', h('a', { href: order.trackingUrl }, order.trackingUrl), '.'),
      h(
        'p',
        { style: { color: '#999999', fontSize: '12px' } },
        '腾讯云邮件推送 · The Shop team · 1 Example Road, Shenzhen',
      ),
    ),
  );
}
