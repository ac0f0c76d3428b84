export default definePageConfig({ navigationBarTitleText: '分红记录' })
