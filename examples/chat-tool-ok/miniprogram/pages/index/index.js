Page({
  openTool() {
    wx.openChatTool({ url: '/packageChatTool/pages/create/index' })
  },
})
