export default definePageConfig({ navigationBarTitleText: '推荐好友', enableShareAppMessage: true })
