export default definePageConfig({ navigationBarTitleText: '密钥' })
