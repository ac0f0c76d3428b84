export default definePageConfig({ navigationBarTitleText: '确认付款' })
