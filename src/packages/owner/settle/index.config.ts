export default definePageConfig({ navigationBarTitleText: '利润申报与结算' })
