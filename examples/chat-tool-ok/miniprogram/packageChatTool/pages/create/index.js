Page({
  data: { title: '周六羽毛球报名', members: [] },

  async pickMembers() {
    const { members } = await wx.selectGroupMembers({ maxSelectCount: 20 })
    this.setData({ members })
  },

  checkIn() {
    wx.getLocation({
      type: 'gcj02',
      success: (res) => console.log('checked in at', res.latitude, res.longitude),
    })
  },

  share() {
    wx.updateShareMenu({
      withShareTicket: true,
      isUpdatableMessage: true,
      activityId: this.data.activityId,
      useForChatTool: true,
      chooseType: 1,
      participant: this.data.members,
      templateInfo: { templateId: '2A84254B945674A2F88CE4970782C402795EB607' },
    })
    wx.shareAppMessageToGroup({ title: this.data.title })
  },

  showDetail() {
    wx.navigateTo({ url: '/packageChatTool/pages/detail/index' })
  },
})
