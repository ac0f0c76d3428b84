export default definePageConfig({ navigationBarTitleText: '风险标记' })
