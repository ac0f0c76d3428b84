export default definePageConfig({ navigationBarTitleText: '分红规则与说明' })
