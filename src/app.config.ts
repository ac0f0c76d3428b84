// Main package: the pages of the tab bar and the pay page a scanned code opens; the rest in subpackages
// (each ≤ 2 MB, WeChat's limit), loaded when first opened.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/pay/index', 'pages/wallet/index', 'pages/cashier/index', 'pages/manage/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/member', pages: ['dividends/index', 'referral/index', 'rules/index'] },
    {
      root: 'packages/owner',
      pages: ['withdrawals/index', 'settle/index', 'rules/index', 'team/index', 'keys/index', 'fraud/index', 'audit/index', 'refunds/index', 'hq/index'],
    },
    { root: 'packages/staff', pages: ['invite/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '门店会员分红',
    navigationBarTextStyle: 'black',
  },
})
