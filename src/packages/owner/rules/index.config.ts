export default definePageConfig({ navigationBarTitleText: '分红规则' })
