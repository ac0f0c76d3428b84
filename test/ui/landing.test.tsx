/**
 * @jest-environment jsdom
 */
import { render, screen } from '@testing-library/react'
import Index from '../../src/pages/index/index'

describe('app shell', () => {
  test('the landing page renders its title, an example amount from the domain, and the disclosure', () => {
    render(<Index />)
    expect(screen.getByText('门店会员分红')).toBeTruthy()
    expect(screen.getByText(/消费 ¥100\.00 得 1 股/)).toBeTruthy()
    expect(screen.getByText('分红来源于门店利润，不保证收益')).toBeTruthy()
  })
})
