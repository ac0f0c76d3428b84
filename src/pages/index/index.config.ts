export default definePageConfig({
  navigationBarTitleText: '门店会员分红',
})
