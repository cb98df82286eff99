Page({
  data: { members: [] },

  remind() {
    wx.notifyGroupMembers({
      title: '周六羽毛球报名',
      members: this.data.members,
      entrancePath: 'packageChatTool/pages/detail/index',
      type: 'participate',
    })
  },

  back() {
    wx.navigateBack()
  },
})
