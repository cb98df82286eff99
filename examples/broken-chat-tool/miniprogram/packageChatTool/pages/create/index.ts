import { formatDate } from '../../../utils/date'

Page({
  onLoad() {
    this.sharePoster()
  },

  sharePoster() {
    wx.shareImageToGroup({ path: '/packageChatTool/images/poster.png' })
  },

  onShareAppMessage() {
    return { title: '快来报名' }
  },

  openPartner() {
    wx.navigateToMiniProgram({ appId: 'wx0000000000000000' })
  },

  goHome() {
    wx.navigateTo({ url: '/pages/index/index' })
  },

  checkIn() {
    wx.getLocation({ type: 'gcj02' })
    console.log(formatDate(new Date()))
  },
})
