import { describe, expect, it } from 'vitest';
import {
  createLoanPricer,
  monthlyRateFromAnnual,
  priceLoan,
  projectCashFlows,
  roundHalfAwayFromZero,
} from '../pricing.js';
import type { PricingAssumptions } from '../rulebook.schema.js';

const NONE: PricingAssumptions = { servicing_fee_pct: 0, cpr_pct: 0, cdr_pct: 0, loss_severity_pct: 0 };
const loan = (current_balance: number, interest_rate: number, remaining_term: number) => ({
  current_balance,
  interest_rate,
  remaining_term,
});

/** A spreadsheet's PMT(r, n, −B) and PV(y, n, −payment), closed form. */
const pmt = (r: number, n: number, b: number) => (r === 0 ? b / n : (b * r) / (1 - Math.pow(1 + r, -n)));
const pv = (y: number, n: number, payment: number) => (payment * (1 - Math.pow(1 + y, -n))) / y;

describe('zero assumptions: price = PV(y, n, -PMT(r, n, -B))', () => {
  const cases: [balance: number, ratePct: number, term: number, irrPct: number][] = [
    [10000, 12, 36, 8.05],
    [25000, 15.99, 60, 8.05],
    [7543.21, 9.5, 24, 10],
    [1000, 30, 6, 8.05],
    [35000.55, 6.25, 60, 12.5],
    [18250, 24, 48, 8.05],
    [5000, 8.05, 36, 8.05], // coupon = target: price = par
    [1234.56, 19.99, 1, 8.05],
  ];
  it.each(cases)(
    'when B=%s, rate %s%%, n=%s, irr %s%%, then the price matches the annuity formula to the cent',
    (b, rate, n, irr) => {
      const expected = pv(irr / 1200, n, pmt(rate / 1200, n, b));
      const price = priceLoan(loan(b, rate, n), NONE, irr)!;
      expect(Math.abs(price.price - expected)).toBeLessThan(1e-6);
      expect(price.purchase_price).toBe(roundHalfAwayFromZero(expected, 2));
      expect(price.price_pct).toBeCloseTo((100 * expected) / b, 9);
    },
  );

  // Computed independently with mpmath at 40 significant digits:
  //   payment = B·i / (1 − (1+i)^−n), price = payment · (1 − (1+y)^−n) / y.
  it.each([
    [10000, 12, 36, 8.05, 332.143098128512, 10591.49], // price 10591.488063967998
    [25000, 15.99, 60, 8.05, 607.818602796775, 29941.31], // price 29941.313480380075
    [7543.21, 9.5, 24, 10, 346.342662658991, 7505.54], // price 7505.541565409536
    [35000.55, 6.25, 60, 12.5, 680.734856038708, 30257.66], // price 30257.655133468394
    [18250, 24, 48, 8.05, 594.983498737606, 24348.25], // price 24348.247565273542
  ])(
    'when B=%s, rate %s%%, n=%s, irr %s%%, then the level payment is %s and the purchase price %s',
    (b, rate, n, irr, payment, price) => {
      const projection = projectCashFlows(loan(b, rate, n), NONE, irr)!;
      expect(projection.months[0]!.payment).toBeCloseTo(payment, 9);
      expect(projection.months.every((month) => Math.abs(month.cash_flow - payment) < 1e-9)).toBe(true);
      expect(projection.price.purchase_price).toBe(price);
    },
  );

  it('when the note rate is 0, then the payment is B/n: 1,200 over 12 months at 12% is PV 1,125.51', () => {
    // payment 100; price = 100 · (1 − 1.01^−12) / 0.01 = 1125.5077473484630 (mpmath)
    const price = priceLoan(loan(1200, 0, 12), NONE, 12)!;
    expect(price.price).toBeCloseTo(1125.507747348463, 9);
    expect(price.purchase_price).toBe(1125.51);
    // Level principal of 100 a month: WAL = (1 + … + 12) / 12 / 12 = 6.5 / 12 years.
    expect(price.wal_years).toBeCloseTo(6.5 / 12, 12);
  });
});

describe('assumptions, checked against hand-computed first months', () => {
  it('when CPR is 10%, then SMM = 1 − 0.9^(1/12) and month 1 prepays on the balance after the scheduled principal', () => {
    // SMM     = 1 − 0.9^(1/12)                         = 0.0087416109546967
    // perf_1  = 10,000 (no defaults)
    // pmt_1   = 10,000 · 0.01 / (1 − 1.01^−36)          = 332.1430981285119
    // int_1   = 10,000 · 0.01                           = 100
    // sched_1 = 332.1430981285119 − 100                 = 232.1430981285119
    // prepay_1= (10,000 − 232.1430981285119) · SMM       = 85.38680489730963
    // CF_1    = 100 + 232.14309812851 + 85.38680489731   = 417.5299030258216
    // bal_1   = 10,000 − 232.14309812851 − 85.3868048973 = 9682.470096974178
    expect(monthlyRateFromAnnual(10)).toBeCloseTo(0.0087416109546967, 15);
    const { months } = projectCashFlows(loan(10000, 12, 36), { ...NONE, cpr_pct: 10 }, 8.05)!;
    const first = months[0]!;
    expect(first.scheduled).toBeCloseTo(232.1430981285119, 9);
    expect(first.prepaid).toBeCloseTo(85.38680489730963, 9);
    expect(first.cash_flow).toBeCloseTo(417.5299030258216, 9);
    expect(first.balance).toBeCloseTo(9682.47009697418, 9);
    // Month 2 re-amortises the smaller balance over the 35 months left.
    expect(months[1]!.payment).toBeCloseTo((9682.47009697418 * 0.01) / (1 - Math.pow(1.01, -35)), 9);
    expect(months.at(-1)!.balance).toBeCloseTo(0, 8);
  });

  it('when CDR is 5% with 40% severity, then month 1 defaults B·MDR and recovers 60% of it', () => {
    // MDR     = 1 − 0.95^(1/12)                     = 0.0042653187775607
    // def_1   = 10,000 · MDR                        = 42.65318777560666
    // perf_1  = 10,000 − 42.65318777560666          = 9957.346812224393
    // pmt_1   = 9957.346812224393 · 0.01 / (1 − 1.01^−36) = 330.7264019352272
    // int_1   = 99.57346812224393; sched_1 = 231.1529338129833
    // rec_1   = 42.65318777560666 · 0.6             = 25.59191266536400
    // CF_1    = 99.5734681222 + 231.1529338130 + 25.5919126654 = 356.3183146005912
    // bal_1   = 9957.346812224393 − 231.1529338129833 = 9726.193878411410
    const { months, price } = projectCashFlows(
      loan(10000, 12, 36),
      { ...NONE, cdr_pct: 5, loss_severity_pct: 40 },
      8.05,
    )!;
    const first = months[0]!;
    expect(first.defaulted).toBeCloseTo(42.65318777560666, 9);
    expect(first.payment).toBeCloseTo(330.7264019352272, 9);
    expect(first.recovery).toBeCloseTo(25.591912665364, 9);
    expect(first.cash_flow).toBeCloseTo(356.3183146005912, 9);
    expect(first.balance).toBeCloseTo(9726.19387841141, 9);
    // Defaults cost value: below the zero-assumption price of 10,591.49.
    expect(price.price).toBeLessThan(10591.49);
  });

  it('when the servicing fee is 1%, then month 1 pays perf·1/1200 = 8.33 less and the price is 10,441.74', () => {
    // fee_1 = 10,000 · 1 / 1200 = 8.333333333; CF_1 = 332.1430981285119 − 8.3333333333 = 323.8097647951786
    // price (mpmath, fee on each month's opening balance) = 10441.744250305214
    const { months, price } = projectCashFlows(loan(10000, 12, 36), { ...NONE, servicing_fee_pct: 1 }, 8.05)!;
    expect(months[0]!.fee).toBeCloseTo(8.333333333333334, 12);
    expect(months[0]!.cash_flow).toBeCloseTo(323.8097647951786, 9);
    expect(price.price).toBeCloseTo(10441.74425030521, 6);
    expect(price.purchase_price).toBe(10441.74);
  });

  it('when every assumption is on, then the price is the discounted sum of the projected cash flows', () => {
    const assumptions = { servicing_fee_pct: 0.5, cpr_pct: 12, cdr_pct: 4, loss_severity_pct: 85 };
    const { months, price } = projectCashFlows(loan(15000, 14.5, 48), assumptions, 9)!;
    const discounted = months.reduce((sum, m) => sum + m.cash_flow / Math.pow(1 + 9 / 1200, m.month), 0);
    expect(price.price).toBeCloseTo(discounted, 8);
    expect(priceLoan(loan(15000, 14.5, 48), assumptions, 9)).toEqual(price);
  });
});

describe('weighted-average life', () => {
  it('when a 10,000 loan at 12% pays level over 36 months, then WAL is 1.6309596 years', () => {
    // Σ k·sched_k / Σ sched_k / 12 with sched_k = pmt · 1.01^−(37−k): 1.6309596105220251 (mpmath)
    expect(priceLoan(loan(10000, 12, 36), NONE, 8.05)!.wal_years).toBeCloseTo(1.630959610522025, 12);
  });
  it('when prepayments are assumed, then WAL shortens', () => {
    expect(priceLoan(loan(10000, 12, 36), { ...NONE, cpr_pct: 20 }, 8.05)!.wal_years).toBeLessThan(1.6309596);
  });
  it('when one payment is left, then WAL is one month', () => {
    expect(priceLoan(loan(500, 10, 1), NONE, 8.05)!.wal_years).toBeCloseTo(1 / 12, 15);
  });
});

describe('edge cases', () => {
  it('when balance ≤ 0, term rounds to 0, or the rate is missing or negative, then the loan is not priceable', () => {
    const pricer = createLoanPricer(NONE, 8.05);
    expect(pricer(loan(0, 12, 36))).toBeNull();
    expect(pricer(loan(-5, 12, 36))).toBeNull();
    expect(pricer(loan(1000, 12, 0))).toBeNull();
    expect(pricer(loan(1000, 12, 0.4))).toBeNull();
    expect(pricer(loan(1000, -1, 36))).toBeNull();
    expect(pricer({ current_balance: 1000, remaining_term: 36 })).toBeNull();
    expect(projectCashFlows(loan(0, 12, 36), NONE, 8.05)).toBeNull();
  });
  it('when the remaining term is fractional, then it is rounded to whole months', () => {
    const pricer = createLoanPricer(NONE, 8.05);
    expect(pricer(loan(1000, 12, 35.6))).toEqual(pricer(loan(1000, 12, 36)));
  });
  it('when the IRR target is negative or not a number, then building the pricer throws', () => {
    expect(() => createLoanPricer(NONE, -1)).toThrow(RangeError);
    expect(() => createLoanPricer(NONE, Number.NaN)).toThrow(RangeError);
  });
  it('when a price is exactly half a cent, then it rounds away from zero', () => {
    expect(roundHalfAwayFromZero(1.005)).toBe(1.01);
    expect(roundHalfAwayFromZero(-1.005)).toBe(-1.01);
    expect(roundHalfAwayFromZero(2.675)).toBe(2.68);
    expect(roundHalfAwayFromZero(10591.484999)).toBe(10591.48);
    expect(roundHalfAwayFromZero(0.00001234, 4)).toBe(0);
    expect(Object.is(roundHalfAwayFromZero(-0.001), 0)).toBe(true);
  });
});

describe('speed', () => {
  it('when 100,000 loans of 60 months are priced with every assumption on, then it takes well under a second', () => {
    const pricer = createLoanPricer({ servicing_fee_pct: 0.5, cpr_pct: 10, cdr_pct: 5, loss_severity_pct: 80 }, 8.05);
    const loans = Array.from({ length: 100_000 }, (_, k) => loan(5000 + (k % 1000) * 20, 6 + (k % 300) / 10, 60));
    const started = performance.now();
    let total = 0;
    for (const each of loans) total += pricer(each)!.purchase_price;
    const elapsed = performance.now() - started;
    expect(total).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(1000); // typically ~100 ms; generous for slow CI machines
  });
});
